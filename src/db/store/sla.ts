// SLA alerts in the notification outbox (kind `sla`) and the facts the SLA clock needs (incident fields, first publication).
import { and, asc, eq, exists, inArray, like, ne, notExists, type SQL, sql } from 'drizzle-orm';
import type { SlaAlertPayload } from '../../core/sla/alert';
import type { SlaAlertRecord, SlaChannel, SlaIncident } from '../../core/sla/records';
import type { EpochMs, Severity } from '../../core/types';
import { atomic, type Db, slices } from '../db';
import { incidents, notifications as slaAlerts, summaryPublications } from '../schema';
import { type AuditInput, auditInsert } from './audit';
import { leadColumns, leadOf } from './incidents';

type AlertRow = typeof slaAlerts.$inferSelect;

function fromRow(r: AlertRow): SlaAlertRecord {
  return {
    id: r.id,
    incidentId: r.incidentId ?? '',
    checkpoint: r.checkpoint ?? '',
    type: r.type,
    channel: r.channel as SlaChannel,
    target: r.target,
    payload: r.payload as SlaAlertPayload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deliveredAt: r.deliveredAt,
  };
}

/** The outbox key that keeps one SLA alert per incident, checkpoint and channel. */
export function slaDedupeKey(incidentId: string, checkpoint: string, channel: string): string {
  return `sla:${incidentId}:${checkpoint}:${channel}`;
}

const isSla = eq(slaAlerts.kind, 'sla');
/** SLA writes touch no public output: they never bump the data version. */
const OUTBOX = { public: false } as const;
/**
 * The SLA clock's own rows (`sla.*`): other kinds in the outbox (`summary.stale`) are neither
 * reminders a publication cancels nor a reason to confirm one.
 */
const isSlaAlert = like(slaAlerts.type, 'sla.%');

export function slaStore(db: Db) {
  /** The summary clock's pending reminders of one incident, cancelled (the `met` confirmation stays). */
  const cancelPendingReminders = (incidentId: string, at: EpochMs) =>
    db
      .update(slaAlerts)
      .set({ status: 'cancelled', updatedAt: at })
      .where(
        and(
          isSla,
          eq(slaAlerts.incidentId, incidentId),
          eq(slaAlerts.status, 'pending'),
          ne(slaAlerts.checkpoint, 'met'),
          isSlaAlert,
        ),
      );
  // Spelled out: inside a select list drizzle renders columns unqualified, and a bare "id" in the
  // subquery would bind to the publication's own id.
  const firstPublishedAt = sql<
    number | null
  >`(select min(p.published_at) from summary_publications p where p.incident_id = "incidents"."id")`;
  const published = db
    .select({ one: sql`1` })
    .from(summaryPublications)
    .where(eq(summaryPublications.incidentId, incidents.id));

  async function selectIncidents(where: SQL | undefined): Promise<SlaIncident[]> {
    const rows = await db
      .select({
        id: incidents.id,
        title: incidents.title,
        severity: incidents.severity,
        startedAt: incidents.startedAt,
        ...leadColumns,
        publishedAt: firstPublishedAt,
      })
      .from(incidents)
      .where(where)
      .orderBy(asc(incidents.startedAt), asc(incidents.id));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      startedAt: r.startedAt,
      lead: leadOf(r),
      publishedAt: r.publishedAt === null ? null : Number(r.publishedAt),
    }));
  }

  return {
    async incident(id: string): Promise<SlaIncident | null> {
      const [row] = await selectIncidents(eq(incidents.id, id));
      return row ?? null;
    },

    /** Incidents of these severities; `unpublishedOnly` keeps the ones whose clock is still running. */
    async incidents(filter: { severities: Severity[]; unpublishedOnly?: boolean }): Promise<SlaIncident[]> {
      if (filter.severities.length === 0) return [];
      return selectIncidents(
        and(inArray(incidents.severity, filter.severities), filter.unpublishedOnly ? notExists(published) : undefined),
      );
    },

    async incidentsByIds(ids: string[]): Promise<SlaIncident[]> {
      const out: SlaIncident[] = [];
      for (const slice of slices(ids)) out.push(...(await selectIncidents(inArray(incidents.id, slice))));
      return out;
    },

    /**
     * Incidents the tick must look at beyond running clocks: pending reminders (maybe stale now),
     * or published with reminders sent but no confirmation yet (the publish hook did not run).
     */
    async incidentIdsNeedingReview(): Promise<{ withPending: Set<string>; unconfirmed: Set<string> }> {
      const pending = await db
        .selectDistinct({ id: slaAlerts.incidentId })
        .from(slaAlerts)
        .where(and(isSla, eq(slaAlerts.status, 'pending'), ne(slaAlerts.checkpoint, 'met'), isSlaAlert));
      const met = db
        .select({ one: sql`1` })
        .from(sql`${slaAlerts} as m`)
        .where(sql`m.incident_id = ${slaAlerts.incidentId} and m.kind = 'sla' and m.checkpoint = 'met'`);
      const unconfirmed = await db
        .selectDistinct({ id: slaAlerts.incidentId })
        .from(slaAlerts)
        .innerJoin(incidents, eq(incidents.id, slaAlerts.incidentId))
        .where(and(isSla, notExists(met), exists(published), isSlaAlert));
      return {
        withPending: new Set(pending.flatMap((r) => (r.id ? [r.id] : []))),
        unconfirmed: new Set(unconfirmed.flatMap((r) => (r.id ? [r.id] : []))),
      };
    },

    /** Every checkpoint id already in the outbox (any channel, any status), per incident. */
    async checkpointsByIncident(incidentIds: string[]): Promise<Map<string, Set<string>>> {
      const out = new Map<string, Set<string>>();
      for (const slice of slices(incidentIds)) {
        const rows = await db
          .selectDistinct({ incidentId: slaAlerts.incidentId, checkpoint: slaAlerts.checkpoint })
          .from(slaAlerts)
          .where(and(isSla, inArray(slaAlerts.incidentId, slice)));
        for (const r of rows) {
          if (!r.incidentId || !r.checkpoint) continue;
          const set = out.get(r.incidentId) ?? new Set<string>();
          set.add(r.checkpoint);
          out.set(r.incidentId, set);
        }
      }
      return out;
    },

    async alertsByIncident(incidentIds: string[]): Promise<Map<string, SlaAlertRecord[]>> {
      const out = new Map<string, SlaAlertRecord[]>();
      for (const slice of slices(incidentIds)) {
        const rows = await db
          .select()
          .from(slaAlerts)
          .where(and(isSla, inArray(slaAlerts.incidentId, slice)))
          .orderBy(asc(slaAlerts.createdAt), asc(slaAlerts.id));
        for (const r of rows) {
          const alert = fromRow(r);
          const list = out.get(alert.incidentId) ?? [];
          list.push(alert);
          out.set(alert.incidentId, list);
        }
      }
      return out;
    },

    async alert(id: string): Promise<SlaAlertRecord | null> {
      const [row] = await db
        .select()
        .from(slaAlerts)
        .where(and(isSla, eq(slaAlerts.id, id)))
        .limit(1);
      return row ? fromRow(row) : null;
    },

    /**
     * Inserts alerts unless their (incident, checkpoint, channel) is already there: the UNIQUE dedupe key,
     * not this code, is what keeps two ticks (or two processes) from queuing a checkpoint twice.
     * `cancelPendingOf` first cancels that incident's pending reminders (publication ends the clock).
     */
    async enqueue(w: {
      alerts: (Omit<SlaAlertRecord, 'updatedAt' | 'deliveredAt' | 'lastError'> & { lastError?: string })[];
      cancelPendingOf?: { incidentId: string; at: EpochMs };
      audit: AuditInput[];
    }): Promise<void> {
      const qs = [];
      if (w.cancelPendingOf) {
        const { incidentId, at } = w.cancelPendingOf;
        qs.push(cancelPendingReminders(incidentId, at));
      }
      for (const a of w.alerts) {
        qs.push(
          db
            .insert(slaAlerts)
            .values({
              ...a,
              kind: 'sla',
              dedupeKey: slaDedupeKey(a.incidentId, a.checkpoint, a.channel),
              updatedAt: a.createdAt,
              deliveredAt: null,
              lastError: a.lastError ?? null,
            })
            .onConflictDoNothing(),
        );
      }
      for (const entry of w.audit) qs.push(auditInsert(db, entry));
      await atomic(db, qs, OUTBOX);
    },

    /** Cancels pending reminders of an incident whose clock no longer runs (severity lowered). */
    async cancelPending(incidentId: string, at: EpochMs, audit: AuditInput): Promise<void> {
      await atomic(db, [cancelPendingReminders(incidentId, at), auditInsert(db, audit)], OUTBOX);
    },

    /** When the oldest still-pending alert was queued (null: none pending): the outbox's backlog, for /healthz. */
    async oldestPendingAt(): Promise<EpochMs | null> {
      const [row] = await db
        .select({ at: sql<number | null>`min(${slaAlerts.createdAt})` })
        .from(slaAlerts)
        .where(eq(slaAlerts.status, 'pending'));
      return row?.at ?? null;
    },
  };
}
