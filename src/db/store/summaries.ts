// Summary drafts and publications. "One published version per number" and "one draft per number"
// are UNIQUE indexes; the store reports a clash as `VersionTaken` so the service can retry or reuse.
import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { DomainEvent } from '../../core/events';
import type { SummaryPublication, SummaryVersion } from '../../core/summary/records';
import type { Finding } from '../../core/summary/types';
import type { EpochMs } from '../../core/types';
import { atomic, type Db } from '../db';
import { summaryPublications, summaryVersions } from '../schema';
import { type AuditInput, auditInsert } from './audit';
import { eventInserts } from './notifications';

/** The UNIQUE index refused a write: someone else took this version number first. */
export class VersionTaken extends Error {
  constructor() {
    super('summary version already exists');
    this.name = 'VersionTaken';
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (
      e instanceof Error &&
      /UNIQUE constraint failed|SQLITE_CONSTRAINT_UNIQUE/i.test(`${e.message} ${(e as { code?: string }).code ?? ''}`)
    ) {
      return true;
    }
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

function toVersion(row: typeof summaryVersions.$inferSelect): SummaryVersion {
  return { ...row, findings: (row.findings ?? []) as Finding[] };
}

export function summaryStore(db: Db) {
  return {
    async maxVersion(incidentId: string): Promise<number> {
      const [row] = await db
        .select({ v: max(summaryVersions.version) })
        .from(summaryVersions)
        .where(eq(summaryVersions.incidentId, incidentId));
      return row?.v ?? 0;
    },

    async latest(incidentId: string): Promise<SummaryVersion | null> {
      const [row] = await db
        .select()
        .from(summaryVersions)
        .where(eq(summaryVersions.incidentId, incidentId))
        .orderBy(desc(summaryVersions.version))
        .limit(1);
      return row ? toVersion(row) : null;
    },

    async versions(incidentId: string): Promise<SummaryVersion[]> {
      const rows = await db
        .select()
        .from(summaryVersions)
        .where(eq(summaryVersions.incidentId, incidentId))
        .orderBy(asc(summaryVersions.version));
      return rows.map(toVersion);
    },

    async publications(incidentId: string): Promise<SummaryPublication[]> {
      return db
        .select()
        .from(summaryPublications)
        .where(eq(summaryPublications.incidentId, incidentId))
        .orderBy(asc(summaryPublications.version));
    },

    async publication(incidentId: string, version: number): Promise<SummaryPublication | null> {
      const [row] = await db
        .select()
        .from(summaryPublications)
        .where(and(eq(summaryPublications.incidentId, incidentId), eq(summaryPublications.version, version)))
        .limit(1);
      return row ?? null;
    },

    /** The most recently published version of an incident's summary, with its text (for public pages). */
    async published(incidentId: string): Promise<(SummaryVersion & { publishedAt: EpochMs }) | null> {
      const [row] = await db
        .select({ v: summaryVersions, publishedAt: summaryPublications.publishedAt })
        .from(summaryPublications)
        .innerJoin(summaryVersions, eq(summaryVersions.id, summaryPublications.summaryVersionId))
        .where(eq(summaryPublications.incidentId, incidentId))
        .orderBy(desc(summaryPublications.version))
        .limit(1);
      return row ? { ...toVersion(row.v), publishedAt: row.publishedAt } : null;
    },

    /** Inserts a draft and its audit entry together; throws VersionTaken if the number is taken. */
    async insertVersion(v: SummaryVersion, audit: AuditInput): Promise<void> {
      try {
        await atomic(db, [db.insert(summaryVersions).values(v), auditInsert(db, audit)], { public: false });
      } catch (err) {
        if (isUniqueViolation(err)) throw new VersionTaken();
        throw err;
      }
    },

    /** Records a publication and its audit entry together; throws VersionTaken if already published. */
    async insertPublication(p: SummaryPublication, audit: AuditInput, events: DomainEvent[] = []): Promise<void> {
      try {
        await atomic(db, [
          db.insert(summaryPublications).values(p),
          auditInsert(db, audit),
          ...eventInserts(db, events),
        ]);
      } catch (err) {
        if (isUniqueViolation(err)) throw new VersionTaken();
        throw err;
      }
    },
  };
}
