// Scheduled maintenance windows and the components they touch.
import { and, asc, desc, eq, gt, inArray, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DomainEvent } from '../../core/events';
import type { EpochMs, Maintenance, MaintenanceStatus } from '../../core/types';
import { newId } from '../../lib/id';
import { atomic, bySlices, type Db, slices } from '../db';
import { auditLog, domainEvents, maintenanceComponents, maintenances } from '../schema';
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
    /** Windows whose stored status the clock has overtaken (started while scheduled, or ended unfinished). */
    async overtakenBy(at: EpochMs): Promise<Maintenance[]> {
      const rows = await db
        .select()
        .from(maintenances)
        .where(
          or(
            and(ne(maintenances.status, 'completed'), lte(maintenances.scheduledUntil, at)),
            and(eq(maintenances.status, 'scheduled'), lte(maintenances.scheduledFor, at)),
          ),
        )
        .orderBy(asc(maintenances.scheduledFor), asc(maintenances.id));
      return withComponents(rows);
    },

    /**
     * The clock's move of one window (to in_progress at its start, to completed at its end), with its
     * event and audit entry, in one batch. Every statement carries the same condition (the window
     * still stands where the clock found it), so of two ticks racing, or a tick after a person already
     * moved the window, exactly one writes anything: no second event, ever.
     */
    async advance(w: {
      id: string;
      to: 'in_progress' | 'completed';
      at: EpochMs;
      event: DomainEvent;
      audit: AuditInput;
    }): Promise<boolean> {
      const boundary = w.event.occurredAt;
      const still = and(
        eq(maintenances.id, w.id),
        w.to === 'completed'
          ? and(ne(maintenances.status, 'completed'), lte(maintenances.scheduledUntil, w.at))
          : and(
              eq(maintenances.status, 'scheduled'),
              lte(maintenances.scheduledFor, w.at),
              gt(maintenances.scheduledUntil, w.at),
            ),
      ) as SQL;
      await atomic(db, [
        eventInsertWhere(db, w.event, still),
        db.insert(auditLog).select(
          db
            .select({
              id: sql<string>`${newId('aud')}`.as('id'),
              tokenId: sql<null>`null`.as('token_id'),
              actor: sql<string>`${w.audit.actor.label}`.as('actor'),
              action: sql<string>`${w.audit.action}`.as('action'),
              targetType: sql<string>`${w.audit.targetType}`.as('target_type'),
              targetId: sql<string>`${w.audit.targetId}`.as('target_id'),
              at: sql<number>`${w.audit.at}`.as('at'),
              details: sql<null>`null`.as('details'),
            })
            .from(maintenances)
            .where(still),
        ),
        // updated_at moves to the boundary the clock passed (never backwards): a window completed by
        // the clock reads as resolved at the end of its window.
        db
          .update(maintenances)
          .set({ status: w.to, updatedAt: sql`max(${maintenances.updatedAt}, ${boundary})` })
          .where(still),
      ]);
      // True when this call made the move (its event exists), false when someone else had.
      const [raised] = await db
        .select({ id: domainEvents.id })
        .from(domainEvents)
        .where(eq(domainEvents.id, w.event.id))
        .limit(1);
      return raised !== undefined;
    },

    /**
     * Inserts or replaces a maintenance window with its component links. With `eventsIfStatus`, the
     * events are stored only if the stored status is still that one when the batch runs (a status
     * change the clock made in between has already raised its event).
     */
    async save(
      m: Maintenance,
      isNew: boolean,
      audit: AuditInput,
      events: DomainEvent[] = [],
      eventsIfStatus?: MaintenanceStatus,
    ): Promise<void> {
      const { components, ...row } = m;
      const qs = [];
      if (eventsIfStatus !== undefined) {
        const still = and(eq(maintenances.id, m.id), eq(maintenances.status, eventsIfStatus)) as SQL;
        qs.push(...events.map((e) => eventInsertWhere(db, e, still)));
      }
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
      qs.push(auditInsert(db, audit), ...(eventsIfStatus === undefined ? eventInserts(db, events) : []));
      await atomic(db, qs);
    },
    async delete(id: string, audit: AuditInput): Promise<void> {
      await atomic(db, [db.delete(maintenances).where(eq(maintenances.id, id)), auditInsert(db, audit)]);
    },
  };
}

/** An event row inserted only when `where` matches its maintenance window (INSERT ... SELECT ... WHERE). */
function eventInsertWhere(db: Db, e: DomainEvent, where: SQL) {
  return db.insert(domainEvents).select(
    db
      .select({
        id: sql<string>`${e.id}`.as('id'),
        type: sql<string>`${e.type}`.as('type'),
        subjectId: sql<string>`${e.subjectId}`.as('subject_id'),
        scope: sql<string>`${JSON.stringify(e.scope)}`.as('scope'),
        payload: sql<string>`${JSON.stringify(e.payload)}`.as('payload'),
        occurredAt: sql<number>`${e.occurredAt}`.as('occurred_at'),
        fannedOutAt: sql<null>`null`.as('fanned_out_at'),
        channels: sql<null>`null`.as('channels'),
      })
      .from(maintenances)
      .where(where),
  );
}
