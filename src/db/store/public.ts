// Reads for the public page: only public incidents (the SQL twin of `isIncidentPublic`), only the
// columns visitors may see (never the lead, emails, webhooks or summary drafts).
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { PublicIncident, PublishedSummary } from '../../core/public/snapshot';
import type { AffectedComponent, EpochMs, IncidentUpdate, Maintenance } from '../../core/types';
import { newId } from '../../lib/id';
import { atomic, bySlices, type Db } from '../db';
import {
  dataVersion,
  incidentComponents,
  incidents,
  incidentUpdates,
  summaryPublications,
  summaryVersions,
} from '../schema';
import { type AuditInput, auditInsert } from './audit';
import { maintenanceStore } from './maintenances';

/** `isIncidentPublic` in SQL: explicitly public, or not explicitly private and not SEV-3. */
export const isPublicSql: SQL = or(
  eq(incidents.public, true),
  and(isNull(incidents.public), ne(incidents.severity, 'SEV-3')),
) as SQL;

/** The exact complement of `isPublicSql` (NOT of it would be NULL, not true, for a NULL `public`). */
const isPrivateSql: SQL = or(
  eq(incidents.public, false),
  and(isNull(incidents.public), eq(incidents.severity, 'SEV-3')),
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

/** Puts incidents together from their rows and the rows of their links, updates and publications. */
function assemble(
  rows: PublicRow[],
  links: { incidentId: string; id: string; status: AffectedComponent['status'] }[],
  updates: (PublicIncident['updates'][number] & { incidentId: string })[],
  publications: { incidentId: string; version: number; publishedAt: EpochMs; markdown: string }[],
): PublicIncident[] {
  const components = new Map<string, AffectedComponent[]>();
  for (const l of links) {
    const list = components.get(l.incidentId);
    if (list) list.push({ id: l.id, status: l.status });
    else components.set(l.incidentId, [{ id: l.id, status: l.status }]);
  }
  const timeline = new Map<string, PublicIncident['updates']>();
  for (const u of updates) {
    const update = { id: u.id, status: u.status, body: u.body, createdAt: u.createdAt, editedAt: u.editedAt ?? null };
    const list = timeline.get(u.incidentId);
    if (list) list.push(update);
    else timeline.set(u.incidentId, [update]);
  }
  // The newest publication is what the public sees; the first one is what met (or missed) the deadline.
  const summaries = new Map<string, PublishedSummary>();
  for (const p of publications) {
    const current = summaries.get(p.incidentId);
    const firstPublishedAt = Math.min(current?.firstPublishedAt ?? p.publishedAt, p.publishedAt);
    if (!current || p.version > current.version) {
      summaries.set(p.incidentId, {
        version: p.version,
        markdown: p.markdown,
        publishedAt: p.publishedAt,
        firstPublishedAt,
      });
    } else {
      current.firstPublishedAt = firstPublishedAt;
    }
  }
  // Fields named one by one: only these reach the public page, and no row object is copied by spread
  // (measured up to 40x slower than this on better-sqlite3's own row objects).
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    startedAt: r.startedAt,
    resolvedAt: r.resolvedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    components: components.get(r.id) ?? [],
    updates: timeline.get(r.id) ?? [],
    summary: summaries.get(r.id) ?? null,
  }));
}

/** What the page needs of an incident's component links and of its publications, in every query. */
const linkColumns = {
  incidentId: incidentComponents.incidentId,
  id: incidentComponents.componentId,
  status: incidentComponents.status,
};
const publicationColumns = {
  incidentId: summaryPublications.incidentId,
  version: summaryPublications.version,
  publishedAt: summaryPublications.publishedAt,
  markdown: summaryVersions.markdown,
};

/**
 * The four statements that load a set of public incidents: their rows, component links, and (for those
 * matching `listed`) updates and publications, each joined on the same condition: no id lists, no N+1.
 * Prepared once; the condition's placeholders are bound per call.
 */
function incidentQueries(db: Db, where: SQL | undefined, listed: SQL | undefined) {
  return {
    rows: db
      .select(publicColumns)
      .from(incidents)
      .where(where)
      .orderBy(desc(incidents.startedAt), desc(incidents.id))
      .prepare(),
    links: db
      .select(linkColumns)
      .from(incidentComponents)
      .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
      .where(where)
      .prepare(),
    updates: db
      .select({
        incidentId: incidentUpdates.incidentId,
        id: incidentUpdates.id,
        status: incidentUpdates.status,
        body: incidentUpdates.body,
        createdAt: incidentUpdates.createdAt,
        editedAt: incidentUpdates.editedAt,
      })
      .from(incidentUpdates)
      .innerJoin(incidents, eq(incidents.id, incidentUpdates.incidentId))
      .where(listed)
      .orderBy(asc(incidentUpdates.createdAt), asc(incidentUpdates.id))
      .prepare(),
    // CROSS JOIN keeps incidents the outer loop: left to itself SQLite scanned every publication (1.6 ms
    // per render with 2,000 published summaries, against 0.07 ms from the incidents' index).
    summaries: db
      .select(publicationColumns)
      .from(incidents)
      .crossJoin(summaryPublications)
      .innerJoin(summaryVersions, eq(summaryVersions.id, summaryPublications.summaryVersionId))
      .where(and(eq(summaryPublications.incidentId, incidents.id), listed))
      .prepare(),
  };
}

async function loadIncidents(
  q: ReturnType<typeof incidentQueries>,
  params: Record<string, unknown>,
): Promise<PublicIncident[]> {
  const [rows, links, updates, publications] = await Promise.all([
    q.rows.all(params) as PublicRow[] | Promise<PublicRow[]>,
    q.links.all(params),
    q.updates.all(params),
    q.summaries.all(params),
  ]);
  return assemble(rows, links, updates, publications);
}

export function publicStore(db: Db) {
  // Prepared once: the data version is read on every public request, so it must cost next to nothing.
  const versionQuery = db.select({ v: dataVersion.version }).from(dataVersion).where(eq(dataVersion.id, 1)).prepare();
  const lastChangeQuery = db
    .select({ at: dataVersion.changedAt })
    .from(dataVersion)
    .where(eq(dataVersion.id, 1))
    .prepare();

  // Every cache miss of the home page, badge and v2 JSON runs these two sets, so they are prepared once.
  // The uptime window: incidents that touched it; updates and summaries only for the recently resolved
  // ones the page lists.
  const touchingWhere = and(
    isPublicSql,
    gte(incidents.startedAt, sql.placeholder('bound')),
    or(
      gte(incidents.startedAt, sql.placeholder('from')),
      isNull(incidents.resolvedAt),
      gte(incidents.resolvedAt, sql.placeholder('from')),
    ),
  );
  const touching = incidentQueries(
    db,
    touchingWhere,
    and(
      touchingWhere,
      gte(incidents.startedAt, sql.placeholder('updatesFrom')),
      // Unary + keeps SQLite on the started_at range instead of scanning every resolved incident by status.
      sql`+${incidents.status} = 'resolved'`,
    ),
  );
  // Open incidents (the status index), with everything.
  const openWhere = and(isPublicSql, inArray(incidents.status, ['investigating', 'identified', 'monitoring']));
  const open = incidentQueries(db, openWhere, openWhere);
  const maintenanceReads = maintenanceStore(db);
  // What open private incidents report per component: ids and statuses only, nothing of the incident itself.
  const privateImpactsQuery = db
    .select({ id: incidentComponents.componentId, status: incidentComponents.status })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(and(isPrivateSql, inArray(incidents.status, ['investigating', 'identified', 'monitoring'])))
    .prepare();

  async function hydrate(rows: PublicRow[], opts: PublicIncidentOptions = {}): Promise<PublicIncident[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // Per slice of ids (D1's bound-parameter limit); all of one incident's rows share a slice, so
    // each incident's updates stay in order.
    const [links, updates, publications] = await Promise.all([
      bySlices(ids, (slice) =>
        db.select(linkColumns).from(incidentComponents).where(inArray(incidentComponents.incidentId, slice)),
      ),
      opts.updates === false
        ? Promise.resolve([] as IncidentUpdate[])
        : bySlices(ids, (slice) =>
            db
              .select()
              .from(incidentUpdates)
              .where(inArray(incidentUpdates.incidentId, slice))
              .orderBy(asc(incidentUpdates.createdAt), asc(incidentUpdates.id)),
          ),
      opts.summaries === false
        ? Promise.resolve([])
        : bySlices(ids, (slice) =>
            db
              .select(publicationColumns)
              .from(summaryPublications)
              .innerJoin(summaryVersions, eq(summaryVersions.id, summaryPublications.summaryVersionId))
              .where(inArray(summaryPublications.incidentId, slice)),
          ),
    ]);
    return assemble(rows, links, updates, publications);
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
    /**
     * One point read: changes with every committed write, from any process or isolate. Synchronous
     * where the driver is (better-sqlite3), so a render-cache hit needs no promise; a promise on D1.
     */
    version(): number | Promise<number> {
      const rows: { v: number }[] | Promise<{ v: number }[]> = versionQuery.all();
      return Array.isArray(rows) ? (rows[0]?.v ?? 0) : rows.then(([row]) => row?.v ?? 0);
    },

    /** When public output last changed (stamped with the data version; token or draft writes leave it alone). */
    async lastChangeAt(): Promise<EpochMs> {
      const [row] = await lastChangeQuery.all();
      return row?.at ?? 0;
    },

    /** Open public incidents, newest first, with their updates and components. */
    open: () => loadIncidents(open, {}),

    /**
     * The component impacts of open private incidents (no title, no id): so the public statuses can
     * leave them out (see `withoutPrivateImpacts`).
     */
    privateOpenImpacts: (): Promise<AffectedComponent[]> => Promise.resolve(privateImpactsQuery.all()),

    /**
     * Public incidents that affected anything since `from`: started since, still open, or resolved since.
     * Updates are loaded only for those that started at or after `updatesFrom` (the page lists only those).
     */
    touching: (from: EpochMs, updatesFrom: EpochMs): Promise<PublicIncident[]> =>
      loadIncidents(touching, { bound: from - LONGEST_INCIDENT_MS, from, updatesFrom }),

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

    /** The start of the newest public incident (that affects `componentId`, when given): where /history opens. */
    async newestStart(componentId: string | null = null): Promise<EpochMs | null> {
      const [row] =
        componentId === null
          ? await db
              .select({ at: incidents.startedAt })
              .from(incidents)
              .where(isPublicSql)
              .orderBy(desc(incidents.startedAt))
              .limit(1)
          : await db
              .select({ at: incidents.startedAt })
              .from(incidents)
              .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
              .where(and(isPublicSql, eq(incidentComponents.componentId, componentId)))
              .orderBy(desc(incidents.startedAt))
              .limit(1);
      return row?.at ?? null;
    },

    /** The `limit` maintenance windows that start last (upcoming ones first, then the most recent past). */
    maintenances: (limit = 50): Promise<Maintenance[]> => maintenanceReads.latest(limit),
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
