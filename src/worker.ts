// Cloudflare Workers entry: the same app over D1. Nothing here may reach better-sqlite3 or node:*.
import { drizzle } from 'drizzle-orm/d1';
import { cloudflareMailer } from './alerts/cloudflare-email';
import { DEFAULT_EMAIL_FROM } from './alerts/ports';
import { parseConfig } from './config';
import type { Db } from './db/db';
import * as schema from './db/schema';
import { createStore } from './db/store';
import { createApp } from './http/create-app';
import type { Deps } from './services/deps';
import { tickNotify } from './services/notify-tick';

/**
 * Wall time one cron invocation spends draining the outbox: well inside a Worker's limits (most of it
 * is spent waiting on receivers, which costs no CPU). What is left waits for the next cron.
 */
export const CRON_SLICE_MS = 20_000;

export interface WorkerEnv {
  DB: D1Database;
  PUBLIC_URL?: string;
  ASSETS?: Fetcher;
  /** Secret (`wrangler secret put AFTERWORD_WEBHOOK_SECRET`): signs SLA webhooks. */
  AFTERWORD_WEBHOOK_SECRET?: string;
  /** Optional `send_email` binding for SLA email alerts (see wrangler.toml). */
  SLA_EMAIL?: SendEmail;
  AFTERWORD_EMAIL_FROM?: string;
  AFTERWORD_SLA_FALLBACK_WEBHOOK_URL?: string;
  AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND?: string;
  AFTERWORD_SLA_FALLBACK_EMAIL?: string;
  /** "1" only for local development: webhooks may target private addresses. */
  AFTERWORD_ALLOW_PRIVATE_TARGETS?: string;
  /** Secret: signs subscription links (default: AFTERWORD_WEBHOOK_SECRET). */
  AFTERWORD_LINK_SECRET?: string;
}

function workerDeps(env: WorkerEnv): Deps {
  const db = drizzle(env.DB, { schema }) as unknown as Db;
  const clock = () => Date.now();
  const emailFrom = env.AFTERWORD_EMAIL_FROM || DEFAULT_EMAIL_FROM;
  return {
    store: createStore(db),
    clock,
    config: parseConfig({
      PUBLIC_URL: env.PUBLIC_URL,
      AFTERWORD_SLA_FALLBACK_WEBHOOK_URL: env.AFTERWORD_SLA_FALLBACK_WEBHOOK_URL,
      AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND: env.AFTERWORD_SLA_FALLBACK_WEBHOOK_KIND,
      AFTERWORD_SLA_FALLBACK_EMAIL: env.AFTERWORD_SLA_FALLBACK_EMAIL,
      AFTERWORD_ALLOW_PRIVATE_TARGETS: env.AFTERWORD_ALLOW_PRIVATE_TARGETS,
      AFTERWORD_LINK_SECRET: env.AFTERWORD_LINK_SECRET,
      AFTERWORD_WEBHOOK_SECRET: env.AFTERWORD_WEBHOOK_SECRET,
    }),
    alerts: {
      fetch: (input, init) => fetch(input, init),
      mailer: env.SLA_EMAIL ? cloudflareMailer(env.SLA_EMAIL, emailFrom, clock) : null,
      webhookSecret: env.AFTERWORD_WEBHOOK_SECRET || null,
      emailFrom,
      allowPrivateTargets: env.AFTERWORD_ALLOW_PRIVATE_TARGETS === '1',
    },
  };
}

/**
 * One app per isolate (built on first use): the public render cache lives in the app, so building
 * it per request would throw the cache away. The data version in D1 keeps it fresh across isolates.
 */
let built: { env: WorkerEnv; deps: Deps; app: ReturnType<typeof createApp> } | undefined;
function forEnv(env: WorkerEnv) {
  if (built?.env !== env) {
    const deps = workerDeps(env);
    built = { env, deps, app: createApp(deps) };
  }
  return built;
}

export default {
  async fetch(request, env, ctx) {
    return forEnv(env).app.fetch(request, env, ctx);
  },
  async scheduled(controller, env, ctx) {
    // The cron trigger's notify tick, at the instant the cron fired: queue due SLA checkpoints, fan
    // new events out to subscribers, deliver the outbox in a slice that fits the invocation.
    ctx.waitUntil(
      tickNotify({ deps: forEnv(env).deps, now: controller.scheduledTime, budgetMs: CRON_SLICE_MS }).then(
        (report) => {
          for (const d of report.deliveries) {
            if (d.outcome === 'retry' || d.outcome === 'dead') {
              console.warn(`notification ${d.alertId} ${d.outcome}: ${d.error}`);
            }
          }
        },
        (err) => console.error('notify tick failed:', err),
      ),
    );
  },
} satisfies ExportedHandler<WorkerEnv>;
