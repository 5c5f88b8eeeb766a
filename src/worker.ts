// Cloudflare Workers entry: the same app over D1. Nothing here may reach better-sqlite3 or node:*.
import { drizzle } from 'drizzle-orm/d1';
import { parseConfig } from './config';
import type { Db } from './db/db';
import * as schema from './db/schema';
import { createStore } from './db/store';
import { createApp } from './http/create-app';
import type { Deps } from './services/deps';

export interface WorkerEnv {
  DB: D1Database;
  PUBLIC_URL?: string;
  ASSETS?: Fetcher;
}

function workerDeps(env: WorkerEnv): Deps {
  const db = drizzle(env.DB, { schema }) as unknown as Db;
  return { store: createStore(db), clock: () => Date.now(), config: parseConfig({ PUBLIC_URL: env.PUBLIC_URL }) };
}

export default {
  async fetch(request, env, ctx) {
    return createApp(workerDeps(env)).fetch(request, env, ctx);
  },
  async scheduled(_controller, env, _ctx) {
    // The SLA tick runs here (every 5 minutes); it lands with the SLA issue.
    void workerDeps(env);
  },
} satisfies ExportedHandler<WorkerEnv>;
