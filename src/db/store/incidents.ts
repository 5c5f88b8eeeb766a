// Incidents, the components they affect, and their timeline of updates.
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import type { DomainEvent } from '../../core/events';
import type {
  AffectedComponent,
  ComponentStatus,
  EpochMs,
  Incident,
  IncidentLead,
  IncidentStatus,
  IncidentUpdate,
  Severity,
} from '../../core/types';
import { atomic, bySlices, type Db, slices } from '../db';
import { components, incidentComponents, incidents, incidentUpdates } from '../schema';
import { type AuditInput, auditInsert } from './audit';
import { eventInserts } from './notifications';

type IncidentRow = typeof incidents.$inferSelect;

/** The incident lead's columns, for the queries that select part of an incident (the SLA and postmortem clocks). */
export const leadColumns = {
  leadName: incidents.leadName,
  leadEmail: incidents.leadEmail,
  leadWebhookUrl: incidents.leadWebhookUrl,
  leadWebhookKind: incidents.leadWebhookKind,
};

/** The lead of a row holding `leadColumns`. */
export function leadOf(r: Pick<IncidentRow, keyof typeof leadColumns>): IncidentLead {
  return { name: r.leadName, email: r.leadEmail, webhookUrl: r.leadWebhookUrl, webhookKind: r.leadWebhookKind };
}

export interface IncidentFilter {
  statuses?: IncidentStatus[];
  severities?: Severity[];
  startedFrom?: EpochMs;
  startedTo?: EpochMs;
  /** Keyset cursor: incidents strictly older than this (startedAt, id) pair. */
  before?: { startedAt: EpochMs; id: string };
  limit: number;
}

export interface IncidentWrite {
  /** The incident row as it should be after the write (omit on updates that only touch the timeline). */
  incident?: Incident;
  /** Replace the affected-component set with this one. */
  replaceComponents?: AffectedComponent[];
  /** Current component statuses that change with this write. */
  componentStatuses?: { id: string; status: ComponentStatus; updatedAt: EpochMs }[];
  update?: IncidentUpdate;
  audit: AuditInput;
  /** Domain events of this write: stored in the same batch (no change without its event, no event without its change). */
  events?: DomainEvent[];
}

function toRow(i: Incident): IncidentRow {
  return {
    id: i.id,
    title: i.title,
    severity: i.severity,
    status: i.status,
    public: i.public,
    startedAt: i.startedAt,
    detectedAt: i.detectedAt,
    acknowledgedAt: i.acknowledgedAt,
    resolvedAt: i.resolvedAt,
    leadName: i.lead.name,
    leadEmail: i.lead.email,
    leadWebhookUrl: i.lead.webhookUrl,
    leadWebhookKind: i.lead.webhookKind,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

function fromRow(r: IncidentRow, affected: AffectedComponent[]): Incident {
  return {
    id: r.id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    public: r.public,
    startedAt: r.startedAt,
    detectedAt: r.detectedAt,
    acknowledgedAt: r.acknowledgedAt,
    resolvedAt: r.resolvedAt,
    lead: leadOf(r),
    components: affected,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function incidentStore(db: Db) {
  async function withComponents(rows: IncidentRow[]): Promise<Incident[]> {
    if (rows.length === 0) return [];
    const links = await bySlices(
      rows.map((r) => r.id),
      (ids) => db.select().from(incidentComponents).where(inArray(incidentComponents.incidentId, ids)),
    );
    const byIncident = new Map<string, AffectedComponent[]>();
    for (const l of links) {
      const list = byIncident.get(l.incidentId) ?? [];
      list.push({ id: l.componentId, status: l.status });
      byIncident.set(l.incidentId, list);
    }
    return rows.map((r) => fromRow(r, byIncident.get(r.id) ?? []));
  }

  return {
    async get(id: string): Promise<Incident | null> {
      const rows = await db.select().from(incidents).where(eq(incidents.id, id)).limit(1);
      const [incident] = await withComponents(rows);
      return incident ?? null;
    },

    async list(filter: IncidentFilter): Promise<Incident[]> {
      const where: (SQL | undefined)[] = [];
      if (filter.statuses?.length) where.push(inArray(incidents.status, filter.statuses));
      if (filter.severities?.length) where.push(inArray(incidents.severity, filter.severities));
      if (filter.startedFrom !== undefined) where.push(gte(incidents.startedAt, filter.startedFrom));
      if (filter.startedTo !== undefined) where.push(lte(incidents.startedAt, filter.startedTo));
      if (filter.before) {
        where.push(
          or(
            lt(incidents.startedAt, filter.before.startedAt),
            and(eq(incidents.startedAt, filter.before.startedAt), lt(incidents.id, filter.before.id)),
          ),
        );
      }
      const rows = await db
        .select()
        .from(incidents)
        .where(and(...where))
        .orderBy(desc(incidents.startedAt), desc(incidents.id))
        .limit(filter.limit);
      return withComponents(rows);
    },

    async listUpdates(incidentId: string): Promise<IncidentUpdate[]> {
      return db
        .select()
        .from(incidentUpdates)
        .where(eq(incidentUpdates.incidentId, incidentId))
        .orderBy(asc(incidentUpdates.createdAt), asc(incidentUpdates.id));
    },

    async getUpdate(incidentId: string, updateId: string): Promise<IncidentUpdate | null> {
      const [row] = await db
        .select()
        .from(incidentUpdates)
        .where(and(eq(incidentUpdates.incidentId, incidentId), eq(incidentUpdates.id, updateId)))
        .limit(1);
      return row ?? null;
    },

    /**
     * Corrects (`body`) or retracts (`body: null`) one timeline entry. The incident's `updatedAt`
     * moves too, in the same batch: feeds and caches key on it, so the change shows on the next read.
     */
    async reviseUpdate(
      w: { incidentId: string; updateId: string; body: string | null; at: EpochMs },
      audit: AuditInput,
      events: readonly DomainEvent[] = [],
    ): Promise<void> {
      const which = and(eq(incidentUpdates.incidentId, w.incidentId), eq(incidentUpdates.id, w.updateId));
      await atomic(db, [
        ...eventInserts(db, events),
        w.body === null
          ? db.delete(incidentUpdates).where(which)
          : db.update(incidentUpdates).set({ body: w.body, editedAt: w.at }).where(which),
        db.update(incidents).set({ updatedAt: w.at }).where(eq(incidents.id, w.incidentId)),
        auditInsert(db, audit),
      ]);
    },

    /** Open incidents (other than `exceptId`) that affect any of these components, with their impact. */
    async openImpacts(componentIds: string[], exceptId: string): Promise<AffectedComponent[]> {
      return bySlices(componentIds, (ids) =>
        db
          .select({ id: incidentComponents.componentId, status: incidentComponents.status })
          .from(incidentComponents)
          .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
          .where(
            and(
              inArray(incidentComponents.componentId, ids),
              ne(incidents.status, 'resolved'),
              ne(incidents.id, exceptId),
            ),
          ),
      );
    },

    /** Applies one incident write (row, component links, component statuses, timeline entry, audit) atomically. */
    async write(incidentId: string, w: IncidentWrite, isNew: boolean): Promise<void> {
      const qs = [];
      if (w.incident) {
        const row = toRow(w.incident);
        qs.push(
          isNew ? db.insert(incidents).values(row) : db.update(incidents).set(row).where(eq(incidents.id, incidentId)),
        );
      }
      if (w.replaceComponents) {
        if (!isNew) qs.push(db.delete(incidentComponents).where(eq(incidentComponents.incidentId, incidentId)));
        // 3 bound parameters a row: slices of 30 rows stay under D1's limit of 100 a statement.
        for (const chunk of slices(w.replaceComponents, 30)) {
          qs.push(
            db
              .insert(incidentComponents)
              .values(chunk.map((c) => ({ incidentId, componentId: c.id, status: c.status }))),
          );
        }
      }
      for (const c of w.componentStatuses ?? []) {
        qs.push(db.update(components).set({ status: c.status, updatedAt: c.updatedAt }).where(eq(components.id, c.id)));
      }
      if (w.update) qs.push(db.insert(incidentUpdates).values(w.update));
      qs.push(auditInsert(db, w.audit), ...eventInserts(db, w.events ?? []));
      await atomic(db, qs);
    },
  };
}
