// Node-only: opens the embedded SQLite database with better-sqlite3 and applies drizzle/ migrations.
// Never import this from code reachable by src/worker.ts.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './db';
import * as schema from './schema';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface SqliteHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** Opens (creating if needed) the database at `path` (":memory:" for tests) and migrates it. */
export function openSqlite(path: string): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets the CLI write while the server reads; busy_timeout waits out the other writer.
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return { db: db as unknown as Db, sqlite, close: () => sqlite.close() };
}
