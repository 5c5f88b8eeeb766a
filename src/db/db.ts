// The database handle both drivers share, and the one transaction port the store uses.

import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';

// biome-ignore lint/suspicious/noExplicitAny: the run-result type differs per driver (better-sqlite3 vs D1).
export type Db = BaseSQLiteDatabase<'sync' | 'async', any>;

/**
 * How every drizzle() here is opened: columns named in snake_case (src/db/schema.ts), and no schema, so
 * no relational `db.query` API (the store writes each query with the query builder; the Worker bundle
 * leaves the relational code out, see src/db/drizzle-worker-stubs.ts).
 */
export const DRIZZLE_OPTIONS = { casing: 'snake_case' } as const;

type Query = BatchItem<'sqlite'>;

interface BatchCapable {
  batch(queries: [Query, ...Query[]]): Promise<unknown>;
}
interface RunnableQuery {
  run(): unknown;
}

/** D1 binds at most 100 parameters per statement, so id lists are queried in slices of this size. */
export const ID_SLICE = 90;

export function slices<T>(items: readonly T[], size = ID_SLICE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `query` once per slice of `ids` and concatenates the rows (one query when the list is short). */
export async function bySlices<T, R>(ids: readonly T[], query: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  if (ids.length <= ID_SLICE) return query([...ids]);
  const parts = await Promise.all(slices(ids).map(query));
  return parts.flat();
}

/**
 * The write that marks "public output changed": part of every atomic batch that changes it. The change
 * instant is the newest audit entry's, which the same batch has just inserted (every write audits).
 */
function bumpDataVersion(db: Db) {
  return db
    .update(schema.dataVersion)
    .set({
      version: sql`${schema.dataVersion.version} + 1`,
      changedAt: sql`max(${schema.dataVersion.changedAt}, coalesce((select max(${schema.auditLog.at}) from ${schema.auditLog}), 0))`,
    })
    .where(eq(schema.dataVersion.id, 1));
}

export interface AtomicOptions {
  /**
   * False for writes no public page, feed or badge shows (tokens, subscribers, lexicon, drafts, the
   * outbox): they leave the data version, and so every cached page, ETag and `updated_at`, alone.
   */
  public?: boolean;
}

/**
 * Runs writes all-or-nothing on either driver: D1 has no interactive transactions (db.batch rolls
 * the whole batch back on failure); better-sqlite3's transaction callback must be synchronous,
 * so each query is run synchronously inside it.
 */
export async function atomic(db: Db, writes: Query[], opts: AtomicOptions = {}): Promise<void> {
  if (writes.length === 0) return;
  const queries = opts.public === false ? [...writes] : [...writes, bumpDataVersion(db)];
  const maybeBatch = db as unknown as Partial<BatchCapable>;
  if (typeof maybeBatch.batch === 'function') {
    await maybeBatch.batch(queries as [Query, ...Query[]]);
    return;
  }
  db.transaction((tx) => {
    void tx;
    for (const q of queries) (q as unknown as RunnableQuery).run();
  });
}
