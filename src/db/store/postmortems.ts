// The internal postmortem's link per incident and the facts its clock needs. Nothing here is public:
// these writes never bump the data version, and no public query reads `postmortem_links`.
import { and, asc, eq, inArray, isNotNull, isNull, like, type SQL } from 'drizzle-orm';
import type { PostmortemIncident, PostmortemLink } from '../../core/sla/records';
import type { EpochMs, Severity } from '../../core/types';
import { atomic, type Db, slices } from '../db';
import { incidents, notifications, postmortemLinks } from '../schema';
import { type AuditInput, auditInsert } from './audit';
import { leadColumns, leadOf } from './incidents';

const INTERNAL = { public: false } as const;
/** The postmortem clock's rows in the outbox (kind `sla`, type `postmortem.*`). */
const isPostmortemAlert = and(eq(notifications.kind, 'sla'), like(notifications.type, 'postmortem.%'));

export function postmortemStore(db: Db) {
  async function selectIncidents(where: SQL | undefined): Promise<PostmortemIncident[]> {
    const rows = await db
      .select({
        id: incidents.id,
        title: incidents.title,
        severity: incidents.severity,
        status: incidents.status,
        resolvedAt: incidents.resolvedAt,
        ...leadColumns,
        linkedAt: postmortemLinks.linkedAt,
      })
      .from(incidents)
      .leftJoin(postmortemLinks, eq(postmortemLinks.incidentId, incidents.id))
      .where(where)
      .orderBy(asc(incidents.resolvedAt), asc(incidents.id));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      status: r.status,
      resolvedAt: r.resolvedAt,
      lead: leadOf(r),
      postmortemLinkedAt: r.linkedAt ?? null,
    }));
  }

  function cancelPendingQuery(incidentId: string, at: EpochMs) {
    return db
      .update(notifications)
      .set({ status: 'cancelled', updatedAt: at })
      .where(and(isPostmortemAlert, eq(notifications.incidentId, incidentId), eq(notifications.status, 'pending')));
  }

  return {
    async incident(id: string): Promise<PostmortemIncident | null> {
      const [row] = await selectIncidents(eq(incidents.id, id));
      return row ?? null;
    },

    async incidentsByIds(ids: string[]): Promise<PostmortemIncident[]> {
      const out: PostmortemIncident[] = [];
      for (const slice of slices(ids)) out.push(...(await selectIncidents(inArray(incidents.id, slice))));
      return out;
    },

    /** Running clocks: resolved incidents of these severities with no document linked yet. */
    async running(severities: Severity[]): Promise<PostmortemIncident[]> {
      if (severities.length === 0) return [];
      return selectIncidents(
        and(
          inArray(incidents.severity, severities),
          eq(incidents.status, 'resolved'),
          isNotNull(incidents.resolvedAt),
          isNull(postmortemLinks.incidentId),
        ),
      );
    },

    /** Incidents with postmortem reminders still pending (their clock may have stopped since). */
    async withPendingAlerts(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ id: notifications.incidentId })
        .from(notifications)
        .where(and(isPostmortemAlert, eq(notifications.status, 'pending')));
      return rows.flatMap((r) => (r.id ? [r.id] : []));
    },

    async link(incidentId: string): Promise<PostmortemLink | null> {
      const [row] = await db.select().from(postmortemLinks).where(eq(postmortemLinks.incidentId, incidentId)).limit(1);
      return row ?? null;
    },

    async links(incidentIds: string[]): Promise<Map<string, PostmortemLink>> {
      const out = new Map<string, PostmortemLink>();
      for (const slice of slices(incidentIds)) {
        const rows = await db.select().from(postmortemLinks).where(inArray(postmortemLinks.incidentId, slice));
        for (const r of rows) out.set(r.incidentId, r);
      }
      return out;
    },

    /**
     * Records the link (first time: `linked_at` = now, which stops the clock; later: a new URL, the
     * first `linked_at` kept) and cancels the clock's pending reminders, in one atomic batch.
     */
    async record(w: {
      incidentId: string;
      url: string;
      at: EpochMs;
      linkedBy: string;
      linkedByTokenId: string | null;
      audit: AuditInput;
    }): Promise<void> {
      await atomic(
        db,
        [
          db
            .insert(postmortemLinks)
            .values({
              incidentId: w.incidentId,
              url: w.url,
              linkedAt: w.at,
              updatedAt: w.at,
              linkedBy: w.linkedBy,
              linkedByTokenId: w.linkedByTokenId,
            })
            .onConflictDoUpdate({
              target: postmortemLinks.incidentId,
              set: { url: w.url, updatedAt: w.at, linkedBy: w.linkedBy, linkedByTokenId: w.linkedByTokenId },
            }),
          cancelPendingQuery(w.incidentId, w.at),
          auditInsert(db, w.audit),
        ],
        INTERNAL,
      );
    },

    /** Cancels pending reminders of a clock that no longer runs (linked, reopened, severity lowered). */
    async cancelPending(incidentId: string, at: EpochMs, audit: AuditInput): Promise<void> {
      await atomic(db, [cancelPendingQuery(incidentId, at), auditInsert(db, audit)], INTERNAL);
    },
  };
}
