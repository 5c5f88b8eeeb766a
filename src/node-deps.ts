// Builds the Node runtime's deps (server and CLI share it): SQLite file, system clock, env config.
import { parseConfig } from './config';
import { openSqlite, type SqliteHandle } from './db/node-sqlite';
import { createStore } from './db/store';
import type { Deps } from './services/deps';

export const DEFAULT_DATABASE_PATH = './data/afterword.db';

export function nodeDeps(env: NodeJS.ProcessEnv = process.env): { deps: Deps; handle: SqliteHandle } {
  const handle = openSqlite(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
  const config = parseConfig({ PUBLIC_URL: env.PUBLIC_URL || `http://localhost:${env.PORT || 8787}` });
  return { deps: { store: createStore(handle.db), clock: () => Date.now(), config }, handle };
}
