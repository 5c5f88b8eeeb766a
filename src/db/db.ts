// The database handle both drivers share, and the one transaction port the store uses.
import type { BatchItem } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

// biome-ignore lint/suspicious/noExplicitAny: the run-result type differs per driver (better-sqlite3 vs D1).
export type Db = BaseSQLiteDatabase<'sync' | 'async', any, typeof schema>;

type Query = BatchItem<'sqlite'>;

interface BatchCapable {
  batch(queries: [Query, ...Query[]]): Promise<unknown>;
}
interface RunnableQuery {
  run(): unknown;
}

/**
 * Runs writes all-or-nothing on either driver: D1 has no interactive transactions (db.batch rolls
 * the whole batch back on failure); better-sqlite3's transaction callback must be synchronous,
 * so each query is run synchronously inside it.
 */
export async function atomic(db: Db, queries: Query[]): Promise<void> {
  if (queries.length === 0) return;
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
