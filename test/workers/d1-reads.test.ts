// A flash crowd costs D1 nothing: the Worker, handed a D1 binding that counts every statement, serves
// 5,000 page views (browsers' Accept-Encoding, conditional requests, HEAD, junk query strings) while 3
// writes arrive through the API. D1 statements during the page views stay within
//   isolates x (elapsed seconds / freshness interval + 1) version reads
//   + (writes + 1 + elapsed minutes) x a render round (each route rendered once),
// and each write shows on the next page view through this isolate.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { createComponent } from '../../src/services/components';
import worker, { type WorkerEnv } from '../../src/worker';
import { adminToken, BROWSER_ACCEPT_ENCODING, d1Deps } from './d1';

/** Statements issued through a D1 binding: prepared statements run, batches, exec; and what they were. */
function countingD1(db: D1Database): { db: D1Database; count: () => number; log: string[] } {
  let n = 0;
  const log: string[] = [];
  const wrapStatement = (s: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(s, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (prop === 'bind') return (...args: unknown[]) => wrapStatement(value.apply(target, args), sql);
        if (prop === 'first' || prop === 'all' || prop === 'run' || prop === 'raw') {
          return (...args: unknown[]) => {
            n++;
            log.push(sql);
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
  const unwrap = (s: D1PreparedStatement) => (s as unknown as { [RAW]?: D1PreparedStatement })[RAW] ?? s;
  const RAW = Symbol('raw');
  const wrapped = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'prepare') return (sql: string) => wrapStatement(value.call(target, sql), sql);
      if (prop === 'batch') {
        return (stmts: D1PreparedStatement[]) => {
          n += stmts.length;
          log.push(...stmts.map(() => 'batch'));
          return value.call(target, stmts.map(unwrap));
        };
      }
      if (prop === 'exec') {
        return (sql: string) => {
          n++;
          log.push(sql);
          return value.call(target, sql);
        };
      }
      return value.bind(target);
    },
  });
  return { db: wrapped, count: () => n, log };
}

it('5,000 page views and 3 writes: D1 reads bounded by time and writes, not by readers', async () => {
  const token = await adminToken();
  const counted = countingD1(env.DB);
  const testEnv: WorkerEnv = { ...(env as unknown as WorkerEnv), DB: counted.db, PUBLIC_FRESHNESS_SECONDS: '2' };
  const interval = 2;

  /** One request straight into the Worker's fetch handler, its body read (identity unless gzip was asked for). */
  async function call(path: string, init: RequestInit = {}) {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`https://status.example.test${path}`, init) as never, testEnv, ctx);
    const body = new Uint8Array(await res.arrayBuffer());
    await waitOnExecutionContext(ctx);
    return { status: res.status, headers: res.headers, text: () => new TextDecoder().decode(body) };
  }
  const browser = { 'Accept-Encoding': BROWSER_ACCEPT_ENCODING };
  const write = (title: string) =>
    call('/api/v1/incidents', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title,
        severity: 'SEV-2',
        startedAt: new Date(Date.now() - 60_000).toISOString(),
        lead: { name: 'Dana' },
      }),
    });

  const routes = ['/', '/history', '/api/v2/summary.json', '/history.atom'];
  const first = await call('/', { headers: browser });
  const etag = first.headers.get('etag') ?? '';

  const VIEWS = 5_000;
  const WRITES = 3;
  let reads = 0;
  let writes = 0;
  /** The statements the page views issued (not the writes'). */
  const viewed: string[] = [];
  const started = Date.now();
  for (let batch = 0; batch < 50; batch++) {
    if (batch % 16 === 15 && writes < WRITES) {
      writes++;
      expect((await write(`Crowd incident ${writes}`)).status).toBe(201);
      // Visible at once through this isolate.
      const before = counted.count();
      const page = await call('/', {});
      reads += counted.count() - before;
      viewed.push(...counted.log.slice(before));
      expect(page.text()).toContain(`Crowd incident ${writes}`);
    }
    const before = counted.count();
    const views = [];
    for (let i = 0; i < VIEWS / 50; i++) {
      const n = batch * 100 + i;
      const path = routes[n % routes.length] ?? '/';
      const kind = n % 10;
      if (kind === 0) views.push(call(`${path}?utm_source=crowd${n}`, { headers: browser }));
      else if (kind === 1) views.push(call(path, { method: 'HEAD', headers: browser }));
      else if (kind === 2 && path === '/') views.push(call('/', { headers: { ...browser, 'If-None-Match': etag } }));
      else views.push(call(path, { headers: browser }));
    }
    for (const res of await Promise.all(views)) expect(res.status).toBeLessThan(400);
    reads += counted.count() - before;
    viewed.push(...counted.log.slice(before));
  }
  const elapsed = (Date.now() - started) / 1000;
  expect(writes).toBe(WRITES);

  // Every write shows on the next view.
  const page = await call('/', {});
  const html = page.text();
  for (let i = 1; i <= WRITES; i++) expect(html).toContain(`Crowd incident ${i}`);

  // A render round: each route viewed rendered once (about 17 statements a render on this data, 20
  // allowed). Rounds happen once per data version (the start and each write) and when a render's
  // time boundary passes (open incidents: at most a minute); concurrent misses share one render.
  const isolates = 1;
  const RENDER_ROUND = routes.length * 20;
  const rounds = WRITES + 1 + Math.ceil(elapsed / 60);
  const bound = isolates * (elapsed / interval + 1) + rounds * RENDER_ROUND;
  const readsOf = (re: RegExp) => viewed.filter((sql) => re.test(sql)).length;
  const versionReads = readsOf(/^select "version" from "data_version"/);
  console.log(
    `[d1-reads] ${VIEWS} page views + ${WRITES} writes in ${elapsed.toFixed(1)} s: ${reads} D1 statements for the views ` +
      `(${((reads / VIEWS) * 10_000).toFixed(0)} per 10,000 views; bound ${bound.toFixed(0)}): ${versionReads} data-version ` +
      `reads, ${reads - versionReads} rendering the ${routes.length} routes for each data version (the start and each write), ` +
      `${readsOf(/\b(api_tokens|rate|session|outbox|notifications)\b/)} others`,
  );
  // A cached view reads nothing but the data version: no token, rate-limit, session or outbox reads.
  expect(readsOf(/\b(api_tokens|rate|session|outbox|notifications)\b/)).toBe(0);
  expect(reads).toBeLessThanOrEqual(bound);
  // Without the freshness interval every view reads the version: at least one statement per view.
  expect(reads).toBeLessThan(VIEWS / 10);
}, 120_000);

it('a second isolate takes the render from the Cache API: its first view costs one version read', async () => {
  const one = countingD1(env.DB);
  const two = countingD1(env.DB);
  const base = env as unknown as WorkerEnv;
  // forEnv builds one app (one render cache) per env object: two env objects behave as two isolates.
  const view = async (e: WorkerEnv, path: string) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`https://status.example.test${path}`, {
        headers: { 'Accept-Encoding': BROWSER_ACCEPT_ENCODING },
      }) as never,
      e,
      ctx,
    );
    await res.arrayBuffer();
    await waitOnExecutionContext(ctx); // the Cache API write runs in waitUntil
    return res;
  };
  // A new data version: nothing is stored for it yet.
  await createComponent({
    deps: d1Deps(),
    input: { name: 'Fresh component' },
    actor: { tokenId: null, label: 'workerd-test' },
  });
  const first = await view({ ...base, DB: one.db }, '/history');
  expect(one.count()).toBeGreaterThan(5); // rendered from D1
  const second = await view({ ...base, DB: two.db }, '/history');
  expect(second.status).toBe(200);
  expect(two.count()).toBe(1); // the data version, then the stored render
  expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
});
