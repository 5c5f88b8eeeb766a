// The SLA alert outbox and the facts the SLA clock needs (incident fields, first publication).
import { and, asc, eq, exists, inArray, like, lte, ne, notExists, type SQL, sql } from 'drizzle-orm';
import type { SlaAlertPayload } from '../../core/sla/alert';
import type { SlaAlertRecord, SlaAlertStatus, SlaChannel, SlaIncident } from '../../core/sla/records';
import type { EpochMs, Severity } from '../../core/types';
import { atomic, type Db, slices } from '../db';
import { incidents, slaAlerts, summaryPublications } from '../schema';
import { type AuditInput, auditInsert } from './audit';

type AlertRow = typeof slaAlerts.$inferSelect;

function fromRow(r: AlertRow): SlaAlertRecord {
  return { ...r, channel: r.channel as SlaChannel, payload: r.payload as SlaAlertPayload };
}

/**
 * The SLA clock's own rows (`sla.*`): other kinds in the outbox (`summary.stale`) are neither
 * reminders a publication cancels nor a reason to confirm one.
 */
const isSlaAlert = like(slaAlerts.type, 'sla.%');

export function slaStore(db: Db) {
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
        leadName: incidents.leadName,
        leadEmail: incidents.leadEmail,
        leadWebhookUrl: incidents.leadWebhookUrl,
        leadWebhookKind: incidents.leadWebhookKind,
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
      lead: { name: r.leadName, email: r.leadEmail, webhookUrl: r.leadWebhookUrl, webhookKind: r.leadWebhookKind },
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
        .where(and(eq(slaAlerts.status, 'pending'), ne(slaAlerts.checkpoint, 'met'), isSlaAlert));
      const met = db
        .select({ one: sql`1` })
        .from(sql`${slaAlerts} as m`)
        .where(sql`m.incident_id = ${slaAlerts.incidentId} and m.checkpoint = 'met'`);
      const unconfirmed = await db
        .selectDistinct({ id: slaAlerts.incidentId })
        .from(slaAlerts)
        .innerJoin(incidents, eq(incidents.id, slaAlerts.incidentId))
        .where(and(notExists(met), exists(published), isSlaAlert));
      return { withPending: new Set(pending.map((r) => r.id)), unconfirmed: new Set(unconfirmed.map((r) => r.id)) };
    },

    /** Every checkpoint id already in the outbox (any channel, any status), per incident. */
    async checkpointsByIncident(incidentIds: string[]): Promise<Map<string, Set<string>>> {
      const out = new Map<string, Set<string>>();
      for (const slice of slices(incidentIds)) {
        const rows = await db
          .selectDistinct({ incidentId: slaAlerts.incidentId, checkpoint: slaAlerts.checkpoint })
          .from(slaAlerts)
          .where(inArray(slaAlerts.incidentId, slice));
        for (const r of rows) {
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
          .where(inArray(slaAlerts.incidentId, slice))
          .orderBy(asc(slaAlerts.createdAt), asc(slaAlerts.id));
        for (const r of rows) {
          const list = out.get(r.incidentId) ?? [];
          list.push(fromRow(r));
          out.set(r.incidentId, list);
        }
      }
      return out;
    },

    async alert(id: string): Promise<SlaAlertRecord | null> {
      const [row] = await db.select().from(slaAlerts).where(eq(slaAlerts.id, id)).limit(1);
      return row ? fromRow(row) : null;
    },

    /**
     * Inserts alerts unless their (incident, checkpoint, channel) is already there: the UNIQUE index,
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
        qs.push(
          db
            .update(slaAlerts)
            .set({ status: 'cancelled', updatedAt: at })
            .where(
              and(
                eq(slaAlerts.incidentId, incidentId),
                eq(slaAlerts.status, 'pending'),
                ne(slaAlerts.checkpoint, 'met'),
                isSlaAlert,
              ),
            ),
        );
      }
      for (const a of w.alerts) {
        qs.push(
          db
            .insert(slaAlerts)
            .values({ ...a, updatedAt: a.createdAt, deliveredAt: null, lastError: a.lastError ?? null })
            .onConflictDoNothing(),
        );
      }
      for (const entry of w.audit) qs.push(auditInsert(db, entry));
      await atomic(db, qs);
    },

    /** Ids of pending alerts whose next attempt is due, oldest first. */
    async dueIds(now: EpochMs, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: slaAlerts.id })
        .from(slaAlerts)
        .where(and(eq(slaAlerts.status, 'pending'), lte(slaAlerts.nextAttemptAt, now)))
        .orderBy(asc(slaAlerts.nextAttemptAt), asc(slaAlerts.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /**
     * Claims a due alert for one delivery attempt: one conditional UPDATE, so of two ticks racing
     * for it exactly one gets the row back. The lease pushes the next attempt out; if the claimer
     * dies before recording, the alert becomes due again when the lease ends (same id, resent).
     */
    async claim(id: string, now: EpochMs, leaseUntil: EpochMs): Promise<SlaAlertRecord | null> {
      const [row] = await db
        .update(slaAlerts)
        .set({ nextAttemptAt: leaseUntil, attempts: sql`${slaAlerts.attempts} + 1`, updatedAt: now })
        .where(and(eq(slaAlerts.id, id), eq(slaAlerts.status, 'pending'), lte(slaAlerts.nextAttemptAt, now)))
        .returning();
      return row ? fromRow(row) : null;
    },

    /** Records a delivery. A reminder cancelled while in flight was still delivered, so it says so. */
    async markDelivered(id: string, at: EpochMs): Promise<void> {
      await db
        .update(slaAlerts)
        .set({ status: 'delivered', deliveredAt: at, updatedAt: at })
        .where(and(eq(slaAlerts.id, id), inArray(slaAlerts.status, ['pending', 'cancelled'])));
    },

    /** Records a failed attempt: try again at `retryAt`, or (null) dead-letter it with an audit entry. */
    async markFailed(
      id: string,
      at: EpochMs,
      error: string,
      retryAt: EpochMs | null,
      audit: AuditInput,
    ): Promise<void> {
      const where = and(eq(slaAlerts.id, id), eq(slaAlerts.status, 'pending'));
      if (retryAt !== null) {
        await db.update(slaAlerts).set({ lastError: error, nextAttemptAt: retryAt, updatedAt: at }).where(where);
        return;
      }
      await atomic(db, [
        db.update(slaAlerts).set({ status: 'dead', lastError: error, updatedAt: at }).where(where),
        auditInsert(db, audit),
      ]);
    },

    /** Re-queues a dead-lettered alert with a fresh set of attempts; the id (and payload) stay the same. */
    async requeueDead(id: string, at: EpochMs, audit: AuditInput): Promise<void> {
      await atomic(db, [
        db
          .update(slaAlerts)
          .set({ status: 'pending', attempts: 0, nextAttemptAt: at, updatedAt: at })
          .where(and(eq(slaAlerts.id, id), eq(slaAlerts.status, 'dead'))),
        auditInsert(db, audit),
      ]);
    },

    /** Cancels pending reminders of an incident whose clock no longer runs (severity lowered). */
    async cancelPending(incidentId: string, at: EpochMs, audit: AuditInput): Promise<void> {
      await atomic(db, [
        db
          .update(slaAlerts)
          .set({ status: 'cancelled', updatedAt: at })
          .where(
            and(
              eq(slaAlerts.incidentId, incidentId),
              eq(slaAlerts.status, 'pending'),
              ne(slaAlerts.checkpoint, 'met'),
              isSlaAlert,
            ),
          ),
        auditInsert(db, audit),
      ]);
    },

    /** How many alerts are in each status (for status lines). */
    async counts(): Promise<Record<SlaAlertStatus, number>> {
      const rows = await db
        .select({ status: slaAlerts.status, n: sql<number>`count(*)` })
        .from(slaAlerts)
        .groupBy(slaAlerts.status);
      const out: Record<SlaAlertStatus, number> = { pending: 0, delivered: 0, dead: 0, cancelled: 0 };
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
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
