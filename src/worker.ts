// Cloudflare Workers entry: the same app over D1. Nothing here may reach better-sqlite3 or node:*.
import { drizzle } from 'drizzle-orm/d1';
import { cloudflareMailer } from './alerts/cloudflare-email';
import { dispatchDue } from './alerts/dispatch';
import { DEFAULT_EMAIL_FROM } from './alerts/ports';
import { parseConfig } from './config';
import type { Db } from './db/db';
import { DRIZZLE_OPTIONS, slices } from './db/db';
import { createStore } from './db/store';
import { createApp } from './http/create-app';
import { createRenderCache, parseFreshness, type SharedRender, type SharedStore } from './http/public/cache';
import type { Deps } from './services/deps';
import { fanOutEvents, NOTIFY_MAX_ATTEMPTS, tickNotify } from './services/notify-tick';
import { getSlaSettings } from './services/sla-settings';

// This module exports only its handlers and types: the Workers runtime refuses any other value export.

/** What travels on the optional notification queue (NOTIFY_QUEUE): "fan out new events", or rows to deliver. */
export type NotifyMessage = { t: 'fanout' } | { t: 'deliver'; ids: string[] };
/** Notification ids per `deliver` message: one consumer invocation sends them in parallel. */
const DELIVER_BATCH = 50;

/**
 * Wall time one cron invocation spends draining the outbox: well inside a Worker's limits (most of it
 * is spent waiting on receivers, which costs no CPU). What is left waits for the next cron.
 */
const CRON_SLICE_MS = 20_000;

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
  /** Optional Queues producer (and consumer) binding: fan-out and delivery run through it (see wrangler.toml). */
  NOTIFY_QUEUE?: Queue<NotifyMessage>;
  /**
   * How stale a public page may be, in seconds (default 2): each isolate reads the data version from
   * D1 at most once per interval, and CDNs in front may keep a page that long.
   */
  PUBLIC_FRESHNESS_SECONDS?: string;
}

/** The queue consumer's work: fan events out, then hand the due rows on in batches; or deliver a batch. */
async function consumeNotifyMessage(env: WorkerEnv, deps: Deps, body: NotifyMessage): Promise<void> {
  const now = Date.now();
  if (body.t === 'fanout') {
    await fanOutEvents(deps, now, () => true);
    const due = await deps.store.notifications.dueIds(now, 1000);
    const batches = slices(due, DELIVER_BATCH).map((ids) => ({ body: { t: 'deliver', ids } as NotifyMessage }));
    for (const part of slices(batches, 100)) if (part.length) await env.NOTIFY_QUEUE?.sendBatch(part);
    return;
  }
  const settings = await getSlaSettings({ deps });
  await dispatchDue({
    deps,
    now,
    maxAttempts: settings.maxAttempts,
    subscriberMaxAttempts: NOTIFY_MAX_ATTEMPTS,
    fallback: settings.fallback,
    ids: body.ids,
  });
}

function workerDeps(env: WorkerEnv): Deps {
  const db = drizzle(env.DB, DRIZZLE_OPTIONS) as unknown as Db;
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
 * The Cache API (`caches.default`, one per Cloudflare location) as the render cache's shared store:
 * an isolate that starts cold, or whose entry was evicted, takes the render another isolate of the
 * location made for the same data version instead of rendering from D1. Keys carry the data version,
 * so an entry never shows older data than its version; it lives until its time boundary (at most a day).
 * (On *.workers.dev hostnames the Cache API stores nothing: each isolate renders for itself.)
 */
function cacheApiStore(): SharedStore | undefined {
  if (typeof caches === 'undefined') return undefined;
  // The DOM lib's CacheStorage type (also in scope) has no `default`.
  const store = (caches as unknown as { default: Cache }).default;
  const url = (key: string) => `https://afterword.render-cache/${key}`;
  return {
    async match(key) {
      const res = await store.match(url(key));
      if (res === undefined) return undefined;
      const meta = JSON.parse(res.headers.get('afterword-render') ?? 'null') as Omit<
        SharedRender['rendered'],
        'body'
      > & {
        renderedAt: number;
      };
      if (meta === null) return undefined;
      const { renderedAt, ...rest } = meta;
      return { rendered: { ...rest, body: await res.text() }, renderedAt };
    },
    put(key, { rendered, renderedAt }, waitUntil) {
      const { body, ...meta } = rendered;
      const seconds = Math.max(1, Math.min(86_400, Math.ceil((rendered.validUntil - Date.now()) / 1000)));
      const res = new Response(body, {
        headers: {
          'Content-Type': rendered.contentType,
          'Cache-Control': `public, max-age=${seconds}`,
          'Afterword-Render': JSON.stringify({ ...meta, renderedAt }),
        },
      });
      waitUntil(store.put(url(key), res).catch(() => {}));
    },
  };
}

/**
 * One app per isolate (built on first use): the public render cache lives in the app, so building
 * it per request would throw the cache away. The isolate reads the data version from D1 at most once
 * per PUBLIC_FRESHNESS_SECONDS (a write through another isolate shows within that interval; a write
 * through this one at once), and page views in between cost no D1 query.
 */
let built:
  | { env: WorkerEnv; deps: Deps; app: ReturnType<typeof createApp>; cache: ReturnType<typeof createRenderCache> }
  | undefined;
function forEnv(env: WorkerEnv) {
  if (built?.env !== env) {
    const deps = workerDeps(env);
    const freshness = parseFreshness(env.PUBLIC_FRESHNESS_SECONDS);
    const cache = createRenderCache({
      versionTtlSeconds: freshness,
      freshnessSeconds: freshness,
      shared: cacheApiStore(),
      requestIo: true,
    });
    built = { env, deps, app: createApp(deps, { renderCache: cache }), cache };
  }
  return built;
}

const LOCAL_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?::\d+)?$/i;

/**
 * A PUBLIC_URL still pointing at localhost while the Worker answers a public host: every link in
 * feeds, the v2 JSON and emails would be wrong. Logged once per isolate on the first such request,
 * and stated by /healthz.
 */
let publicUrlWarning: string | null | undefined;
function checkPublicUrl(env: WorkerEnv, requestHost: string): string | null {
  if (publicUrlWarning !== undefined) return publicUrlWarning;
  if (LOCAL_HOST.test(requestHost)) return null; // wrangler dev: decide on a public request
  let configured = '';
  try {
    configured = new URL(env.PUBLIC_URL ?? '').host;
  } catch {}
  publicUrlWarning =
    configured === '' || LOCAL_HOST.test(configured)
      ? `PUBLIC_URL is ${JSON.stringify(env.PUBLIC_URL ?? '')} but this Worker answers ${requestHost}: links in feeds, the v2 JSON and notifications point at the wrong place. Set PUBLIC_URL in wrangler.toml [vars] (or the dashboard) to the page's public address.`
      : null;
  if (publicUrlWarning !== null) console.warn(`[afterword] ${publicUrlWarning}`);
  return publicUrlWarning;
}

/** Methods that never write: anything else may have changed public data. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export default {
  async fetch(request, env, ctx) {
    const { app, cache, deps } = forEnv(env);
    // request.url is serialized by the runtime: scheme://host/path?query, no user info.
    const url = request.url;
    const hostAt = url.indexOf('//') + 2;
    const pathAt = url.indexOf('/', hostAt);
    const warning = checkPublicUrl(env, url.slice(hostAt, pathAt));
    const method = request.method;
    if (method === 'GET' || method === 'HEAD') {
      // A stored public answer (current data version, within its time boundary, 304/gzip/identity
      // decided as the app decides) goes out before Hono: the same bytes and headers, no routing.
      const hit = cache.peek(deps, url.slice(pathAt), (name) => request.headers.get(name) ?? undefined);
      if (hit !== null) return new Response(method === 'HEAD' ? null : hit.body, hit.init);
    }
    if (warning !== null && new URL(url).pathname === '/healthz') {
      const res = await app.fetch(request, env, ctx);
      const health = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      return Response.json({ ...health, warnings: [warning] }, { status: res.status });
    }
    if (SAFE.has(request.method)) return app.fetch(request, env, ctx);
    try {
      return await app.fetch(request, env, ctx);
    } finally {
      // A write through this isolate shows on its very next page view.
      cache.forgetVersion();
      // With a queue, a write's events are fanned out right after its response, not at the next cron.
      const queue = env.NOTIFY_QUEUE;
      if (queue) {
        ctx.waitUntil(queue.send({ t: 'fanout' }).catch((err) => console.error('could not queue the fan-out:', err)));
      }
    }
  },
  async queue(batch, env) {
    const deps = forEnv(env).deps;
    for (const message of batch.messages) {
      try {
        await consumeNotifyMessage(env, deps, message.body as NotifyMessage);
        message.ack();
      } catch (err) {
        console.error('notification queue message failed:', err);
        message.retry();
      }
    }
  },
  async scheduled(controller, env, ctx) {
    // The cron trigger's notify tick, at the instant the cron fired: queue due SLA checkpoints, fan
    // new events out to subscribers, deliver the outbox in a slice that fits the invocation.
    ctx.waitUntil(
      tickNotify({ deps: forEnv(env).deps, now: controller.scheduledTime, budgetMs: CRON_SLICE_MS })
        .then(
          (report) => {
            for (const d of report.deliveries) {
              if (d.outcome === 'retry' || d.outcome === 'dead') {
                console.warn(`notification ${d.alertId} ${d.outcome}: ${d.error}`);
              }
            }
          },
          (err) => console.error('notify tick failed:', err),
        )
        // The tick may have written public data (maintenance started, SLA state): re-read the version.
        .finally(() => forEnv(env).cache.forgetVersion()),
    );
  },
} satisfies ExportedHandler<WorkerEnv>;
