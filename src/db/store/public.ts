// Reads for the public page: only public incidents (the SQL twin of `isIncidentPublic`), only the
// columns visitors may see (never the lead, emails, webhooks or summary drafts).
import { and, asc, desc, eq, gte, inArray, isNull, lt, max, ne, or, type SQL } from 'drizzle-orm';
import type { PublicIncident, PublishedSummary } from '../../core/public/snapshot';
import type { AffectedComponent, EpochMs, IncidentUpdate, Maintenance } from '../../core/types';
import { newId } from '../../lib/id';
import { atomic, type Db } from '../db';
import {
  auditLog,
  dataVersion,
  incidentComponents,
  incidents,
  incidentUpdates,
  maintenanceComponents,
  maintenances,
  summaryPublications,
  summaryVersions,
} from '../schema';
import { type AuditInput, auditInsert } from './audit';

/** `isIncidentPublic` in SQL: explicitly public, or not explicitly private and not SEV-3. */
export const isPublicSql: SQL = or(
  eq(incidents.public, true),
  and(isNull(incidents.public), ne(incidents.severity, 'SEV-3')),
) as SQL;

const publicColumns = {
  id: incidents.id,
  title: incidents.title,
  severity: incidents.severity,
  status: incidents.status,
  startedAt: incidents.startedAt,
  resolvedAt: incidents.resolvedAt,
  createdAt: incidents.createdAt,
  updatedAt: incidents.updatedAt,
};

type PublicRow = {
  id: string;
  title: string;
  severity: PublicIncident['severity'];
  status: PublicIncident['status'];
  startedAt: EpochMs;
  resolvedAt: EpochMs | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
};

export interface PublicIncidentOptions {
  /** Load the timeline of updates (default true). */
  updates?: boolean;
  /** Load the published summary (default true). */
  summaries?: boolean;
}

/** No public incident is expected to last longer than this; bounds the uptime-window scan to an index range. */
const LONGEST_INCIDENT_MS = 60 * 86_400_000;

export function publicStore(db: Db) {
  // Prepared once: the data version is read on every public request, so it must cost next to nothing.
  const versionQuery = db.select({ v: dataVersion.version }).from(dataVersion).where(eq(dataVersion.id, 1)).prepare();

  async function hydrate(rows: PublicRow[], opts: PublicIncidentOptions = {}): Promise<PublicIncident[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [links, updates, publications] = await Promise.all([
      db
        .select({
          incidentId: incidentComponents.incidentId,
          id: incidentComponents.componentId,
          status: incidentComponents.status,
        })
        .from(incidentComponents)
        .where(inArray(incidentComponents.incidentId, ids)),
      opts.updates === false
        ? Promise.resolve([] as IncidentUpdate[])
        : db
            .select()
            .from(incidentUpdates)
            .where(inArray(incidentUpdates.incidentId, ids))
            .orderBy(asc(incidentUpdates.createdAt), asc(incidentUpdates.id)),
      opts.summaries === false
        ? Promise.resolve([])
        : db
            .select({
              incidentId: summaryPublications.incidentId,
              version: summaryPublications.version,
              publishedAt: summaryPublications.publishedAt,
              markdown: summaryVersions.markdown,
            })
            .from(summaryPublications)
            .innerJoin(summaryVersions, eq(summaryVersions.id, summaryPublications.summaryVersionId))
            .where(inArray(summaryPublications.incidentId, ids)),
    ]);
    const components = new Map<string, AffectedComponent[]>();
    for (const l of links) {
      const list = components.get(l.incidentId) ?? [];
      list.push({ id: l.id, status: l.status });
      components.set(l.incidentId, list);
    }
    const timeline = new Map<string, PublicIncident['updates']>();
    for (const u of updates) {
      const list = timeline.get(u.incidentId) ?? [];
      list.push({ id: u.id, status: u.status, body: u.body, createdAt: u.createdAt });
      timeline.set(u.incidentId, list);
    }
    // The newest publication is what the public sees.
    const summaries = new Map<string, PublishedSummary>();
    for (const p of publications) {
      const current = summaries.get(p.incidentId);
      if (!current || p.version > current.version) {
        summaries.set(p.incidentId, { version: p.version, markdown: p.markdown, publishedAt: p.publishedAt });
      }
    }
    return rows.map((r) => ({
      ...r,
      components: components.get(r.id) ?? [],
      updates: timeline.get(r.id) ?? [],
      summary: summaries.get(r.id) ?? null,
    }));
  }

  async function select(where: SQL | undefined, limit?: number, opts?: PublicIncidentOptions) {
    const q = db
      .select(publicColumns)
      .from(incidents)
      .where(and(isPublicSql, where))
      .orderBy(desc(incidents.startedAt), desc(incidents.id));
    const rows = limit === undefined ? await q : await q.limit(limit);
    return hydrate(rows, opts);
  }

  return {
    /** One point read: changes with every committed write, from any process or isolate. */
    async version(): Promise<number> {
      const [row] = await versionQuery.all();
      return row?.v ?? 0;
    },

    /** When the newest write happened (every write leaves an audit entry, deletions too). */
    async lastChangeAt(): Promise<EpochMs> {
      const [row] = await db.select({ at: max(auditLog.at) }).from(auditLog);
      return row?.at ?? 0;
    },

    /** Open public incidents, newest first, with their updates and components. */
    open: () => select(inArray(incidents.status, ['investigating', 'identified', 'monitoring'])),

    /**
     * Public incidents that affected anything since `from`: started since, still open, or resolved since.
     * Updates are loaded only for those that started at or after `updatesFrom` (the page lists only those).
     */
    async touching(from: EpochMs, updatesFrom: EpochMs): Promise<PublicIncident[]> {
      const all = await select(
        and(
          gte(incidents.startedAt, from - LONGEST_INCIDENT_MS),
          or(gte(incidents.startedAt, from), isNull(incidents.resolvedAt), gte(incidents.resolvedAt, from)),
        ),
        undefined,
        { updates: false, summaries: false },
      );
      const needUpdates = all.filter((i) => i.startedAt >= updatesFrom && i.status === 'resolved');
      if (needUpdates.length === 0) return all;
      const withUpdates = new Map((await hydrate(needUpdates)).map((i) => [i.id, i]));
      return all.map((i) => withUpdates.get(i.id) ?? i);
    },

    /** Public incidents that started in [start, end), newest first. */
    inRange: (start: EpochMs, end: EpochMs) =>
      select(and(gte(incidents.startedAt, start), lt(incidents.startedAt, end))),

    /** The newest `limit` public incidents, any status. */
    latest: (limit: number) => select(undefined, limit),

    async get(id: string): Promise<PublicIncident | null> {
      const [found] = await select(eq(incidents.id, id), 1);
      return found ?? null;
    },

    /** The start of the oldest public incident, to know where history ends. */
    async oldestStart(): Promise<EpochMs | null> {
      const [row] = await db
        .select({ at: incidents.startedAt })
        .from(incidents)
        .where(isPublicSql)
        .orderBy(asc(incidents.startedAt))
        .limit(1);
      return row?.at ?? null;
    },

    /** The `limit` maintenance windows that start last (upcoming ones first, then the most recent past). */
    async maintenances(limit = 50): Promise<Maintenance[]> {
      const rows = await db
        .select()
        .from(maintenances)
        .orderBy(desc(maintenances.scheduledFor), desc(maintenances.id))
        .limit(limit);
      if (rows.length === 0) return [];
      const links = await db
        .select()
        .from(maintenanceComponents)
        .where(
          inArray(
            maintenanceComponents.maintenanceId,
            rows.map((r) => r.id),
          ),
        );
      return rows.map((r) => ({
        ...r,
        components: links.filter((l) => l.maintenanceId === r.id).map((l) => l.componentId),
      }));
    },
  };
}

/**
 * Records an already-approved summary text as published (version + publication in one batch).
 * Only `seed-demo` and tests use it, to show a published summary without the drafting workflow,
 * which belongs to the summary service.
 */
export async function seedPublishedSummary(
  db: Db,
  s: { incidentId: string; markdown: string; publishedAt: EpochMs; words: number; audit: AuditInput },
): Promise<void> {
  const versionId = newId('sumv');
  await atomic(db, [
    db.insert(summaryVersions).values({
      id: versionId,
      incidentId: s.incidentId,
      version: 1,
      markdown: s.markdown,
      ok: true,
      words: s.words,
      findings: [],
      createdAt: s.publishedAt,
      createdByTokenId: s.audit.actor.tokenId,
      createdBy: s.audit.actor.label,
    }),
    db.insert(summaryPublications).values({
      id: newId('sump'),
      incidentId: s.incidentId,
      version: 1,
      summaryVersionId: versionId,
      publishedAt: s.publishedAt,
      publishedByTokenId: s.audit.actor.tokenId,
      publishedBy: s.audit.actor.label,
    }),
    auditInsert(db, s.audit),
  ]);
}

export type PublicStore = ReturnType<typeof publicStore>;
