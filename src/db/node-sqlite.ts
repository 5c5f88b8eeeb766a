// Node-only: opens the embedded SQLite database with better-sqlite3 and applies drizzle/ migrations.
// Never import this from code reachable by src/worker.ts.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { type Db, DRIZZLE_OPTIONS } from './db';

/** drizzle/ at the package root, found from this module's place: src/db/ (tsx) or dist/ and dist/chunks/ (built). */
function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'drizzle/meta/_journal.json'))) return resolve(dir, 'drizzle');
  }
  throw new Error('drizzle/ (the SQL migrations) was not found beside the Afterword package');
}

export const MIGRATIONS_DIR = migrationsDir();

export interface SqliteHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** What to do when better-sqlite3's compiled module is missing or built for another Node. */
export const NATIVE_BUILD_HINT =
  "better-sqlite3's native module is missing or was built for another Node: run `npm rebuild better-sqlite3` (set npm_config_nodedir to your Node's prefix if its headers are not in /usr/include/node; README, Set up)";

function openDatabaseFile(path: string): Database.Database {
  try {
    return new Database(path);
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/bindings file|better_sqlite3\.node|NODE_MODULE_VERSION|invalid ELF|was compiled against/i.test(message)) {
      throw new Error(NATIVE_BUILD_HINT, { cause: err });
    }
    throw err;
  }
}

/** Opens (creating if needed) the database at `path` (":memory:" for tests) and migrates it. */
export function openSqlite(path: string): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = openDatabaseFile(path);
  // busy_timeout waits out another writer (first, so switching to WAL waits too); WAL lets the CLI
  // write while the server reads.
  sqlite.pragma('busy_timeout = 5000');
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, DRIZZLE_OPTIONS);
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return { db: db as unknown as Db, sqlite, close: () => sqlite.close() };
}
