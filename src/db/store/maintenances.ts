// Scheduled maintenance windows and the components they touch.
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DomainEvent } from '../../core/events';
import type { Maintenance } from '../../core/types';
import { atomic, bySlices, type Db, slices } from '../db';
import { maintenanceComponents, maintenances } from '../schema';
import { type AuditInput, auditInsert } from './audit';
import { eventInserts } from './notifications';

export function maintenanceStore(db: Db) {
  // The public page reads the latest windows on every render: two statements prepared once, the links
  // joined on the same ordering and limit (no id list).
  // One ordering and limit for both, so the links always belong to exactly the rows returned.
  const latestOrder = [desc(maintenances.scheduledFor), desc(maintenances.id)] as const;
  const latestIds = db
    .select({ id: maintenances.id })
    .from(maintenances)
    .orderBy(...latestOrder)
    .limit(sql.placeholder('limit'));
  const latestQueries = {
    rows: db
      .select()
      .from(maintenances)
      .orderBy(...latestOrder)
      .limit(sql.placeholder('limit'))
      .prepare(),
    links: db
      .select()
      .from(maintenanceComponents)
      .where(inArray(maintenanceComponents.maintenanceId, latestIds))
      .prepare(),
  };
  function assemble(
    rows: (typeof maintenances.$inferSelect)[],
    links: (typeof maintenanceComponents.$inferSelect)[],
  ): Maintenance[] {
    return rows.map((r) => ({
      ...r,
      components: links.filter((l) => l.maintenanceId === r.id).map((l) => l.componentId),
    }));
  }

  async function withComponents(rows: (typeof maintenances.$inferSelect)[]): Promise<Maintenance[]> {
    if (rows.length === 0) return [];
    const links = await bySlices(
      rows.map((r) => r.id),
      (ids) => db.select().from(maintenanceComponents).where(inArray(maintenanceComponents.maintenanceId, ids)),
    );
    return assemble(rows, links);
  }

  return {
    /** The `limit` windows that start last (upcoming ones first, then the most recent past). */
    async latest(limit: number): Promise<Maintenance[]> {
      const [rows, links] = await Promise.all([
        latestQueries.rows.all({ limit }) as
          | (typeof maintenances.$inferSelect)[]
          | Promise<(typeof maintenances.$inferSelect)[]>,
        latestQueries.links.all({ limit }),
      ]);
      return assemble(rows, links);
    },
    async list(): Promise<Maintenance[]> {
      const rows = await db.select().from(maintenances).orderBy(asc(maintenances.scheduledFor), asc(maintenances.id));
      return withComponents(rows);
    },
    async get(id: string): Promise<Maintenance | null> {
      const rows = await db.select().from(maintenances).where(eq(maintenances.id, id)).limit(1);
      const [m] = await withComponents(rows);
      return m ?? null;
    },
    /** Inserts or replaces a maintenance window with its component links. */
    async save(m: Maintenance, isNew: boolean, audit: AuditInput, events: DomainEvent[] = []): Promise<void> {
      const { components, ...row } = m;
      const qs = [];
      if (isNew) qs.push(db.insert(maintenances).values(row));
      else {
        qs.push(db.update(maintenances).set(row).where(eq(maintenances.id, m.id)));
        qs.push(db.delete(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, m.id)));
      }
      // 2 bound parameters a row: slices of 45 rows stay under D1's limit of 100 a statement.
      for (const chunk of slices(components, 45)) {
        qs.push(
          db.insert(maintenanceComponents).values(chunk.map((componentId) => ({ maintenanceId: m.id, componentId }))),
        );
      }
      qs.push(auditInsert(db, audit), ...eventInserts(db, events));
      await atomic(db, qs);
    },
    async delete(id: string, audit: AuditInput): Promise<void> {
      await atomic(db, [db.delete(maintenances).where(eq(maintenances.id, id)), auditInsert(db, audit)]);
    },
  };
}
