// `npm run bench -- worker`: the Worker under local workerd (Miniflare), loaded with wrk.
// Target: cached `/` with Accept-Encoding: gzip against a hello-world Worker on the same runtime, >= 0.8x.
// How the runtime is driven decides what is measured, so the bench says which path each line took:
// - direct: a workerd socket straight on the Worker (Miniflare's `unsafeDirectSockets`), the closest
//   local path to production, where the front line hands the request to the isolate. The headline.
// - behind [assets]: Afterword's wrangler.toml has an [assets] directory, so locally every request
//   first passes Miniflare's asset router Workers (hello world is measured behind the same router).
// Not used: `wrangler dev` puts a proxy Worker in a second workerd process in front (every request and
// body crosses loopback twice; hello world drops about tenfold on this machine) and Miniflare's entry
// Worker sits in front of everything it serves; neither exists in production.
// Evidence for what is left: a bare Worker that only returns the same stored gzip bytes with the same
// header fields; and the page as identity for the runtime to compress (the encodeBody choice).
// Afterword runs as `wrangler deploy` bundles it, over a local D1 migrated and seeded by wrangler.
// Targets run in interleaved rounds (order rotated) with the same wrk settings; each ratio is taken
// within its round (the machine is shared, so rounds differ) and the median is reported.
// D1 statements per 10,000 page views come from test/workers/d1-reads.test.ts (a counting D1 binding
// inside workerd), run at the end.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import { ROOT } from '../test/helpers/processes';
import { demoSql, seedLocalD1, WRANGLER_ENV } from '../test/helpers/wrangler-dev';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 32;

async function wrk(url: string): Promise<number> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '-H', 'Accept-Encoding: gzip', url];
  const { stdout } = await run('wrk', args, { encoding: 'utf8' });
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  if (errors) throw new Error(`${url}: ${errors[1]} error responses\n${stdout}`);
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
}

// wrk is the load generator here (autocannon decodes every body in JavaScript and would measure itself):
// without it on PATH the bench stops with how to get it, before starting anything.
if (spawnSync('wrk', ['--version']).error !== undefined) {
  console.error('worker bench: wrk is not on PATH. Install it (Debian/Ubuntu: apt-get install wrk) and run again.');
  process.exit(2);
}

const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? '2026-04-20';
const databaseId = /^database_id\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? '';
const assets = { directory: join(ROOT, 'public'), routerConfig: { has_user_worker: true } };

/** Hello world; the page's stored gzip bytes with Afterword's header fields; the page for the runtime to compress. */
function referenceScript(html: string, headers: Record<string, string>): string {
  const gz = gzipSync(Buffer.from(html)).toString('base64');
  return `
const HTML = ${JSON.stringify(html)};
const GZ = Uint8Array.from(atob(${JSON.stringify(gz)}), (c) => c.charCodeAt(0));
const bare = { headers: ${JSON.stringify(headers)}, encodeBody: 'manual' };
const identity = { headers: { ...bare.headers } };
delete identity.headers['content-encoding'];
export default {
  fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === '/bare-gzip') return new Response(GZ, bare);
    if (path === '/runtime-gzip') return new Response(HTML, { headers: { ...identity.headers, 'content-encoding': 'gzip' } });
    return new Response('Hello world');
  },
};`;
}

const dir = mkdtempSync(join(tmpdir(), 'afterword-bench-worker-'));
const servers: Miniflare[] = [];
/** A Worker under Miniflare, reached through a direct workerd socket. */
async function start(options: ConstructorParameters<typeof Miniflare>[0]): Promise<string> {
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    compatibilityDate,
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
    ...options,
  });
  servers.push(mf);
  await mf.ready;
  return (await mf.unsafeGetDirectURL()).toString().replace(/\/$/, '');
}

try {
  const state = join(dir, 'state');
  await seedLocalD1(state, await demoSql({ pastIncidents: 40, historyDays: 90, openIncidents: 2 }));
  // The bundle `wrangler deploy` would upload (minified, as wrangler.toml says).
  const out = join(dir, 'bundle');
  await run(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
    cwd: ROOT,
    env: WRANGLER_ENV,
    timeout: 120_000,
  });
  const afterwordOptions = {
    modules: true,
    scriptPath: join(out, 'worker.js'),
    modulesRoot: out,
    d1Databases: { DB: databaseId },
    d1Persist: join(state, 'v3', 'd1'), // where `wrangler d1 ... --persist-to state` keeps it
    bindings: { PUBLIC_URL: 'http://127.0.0.1' },
  };
  // Each workerd its own copy of the database (two processes on one SQLite file get SQLITE_BUSY).
  cpSync(state, `${state}-assets`, { recursive: true });
  const afterword = await start(afterwordOptions);
  const afterwordAssets = await start({ ...afterwordOptions, d1Persist: join(`${state}-assets`, 'v3', 'd1'), assets });
  const page = await fetch(`${afterword}/`, { headers: { 'accept-encoding': 'identity' } });
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<!doctype html>')) throw new Error(`Afterword / answered ${page.status}`);
  const zipped = await fetch(`${afterword}/`, { headers: { 'accept-encoding': 'gzip' } });
  await zipped.arrayBuffer();
  const headers: Record<string, string> = {};
  zipped.headers.forEach((v, k) => {
    if (!['content-length', 'transfer-encoding', 'date'].includes(k)) headers[k] = v;
  });
  const script = referenceScript(html, headers);
  const reference = await start({ modules: true, script });
  const referenceAssets = await start({ modules: true, script, assets });

  const HELLO = 'direct: hello-world Worker';
  const HELLO_ASSETS = 'behind [assets]: hello world';
  const targets = [
    { name: HELLO, url: `${reference}/`, base: HELLO },
    { name: 'direct: Afterword / (gzip, cached)', url: `${afterword}/`, base: HELLO },
    { name: 'direct: bare Worker, same gzip + headers', url: `${reference}/bare-gzip`, base: HELLO },
    { name: 'direct: page, runtime compresses identity', url: `${reference}/runtime-gzip`, base: HELLO },
    { name: HELLO_ASSETS, url: `${referenceAssets}/`, base: HELLO },
    { name: 'behind [assets]: Afterword / (gzip, cached)', url: `${afterwordAssets}/`, base: HELLO_ASSETS },
  ];
  for (const t of targets) await wrk(t.url); // warm-up: render, gzip, JIT
  const rps = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const ratios = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so no target always runs right after the same neighbour.
    const order = targets.map((_, i) => targets[(i + round) % targets.length] ?? targets[0]);
    const got = new Map<string, number>();
    for (const t of order) if (t) got.set(t.name, await wrk(t.url));
    for (const t of targets) {
      const x = got.get(t.name) ?? 0;
      rps.get(t.name)?.push(x);
      ratios.get(t.name)?.push(x / (got.get(t.base) ?? 1));
    }
  }
  for (const url of [afterword, afterwordAssets]) {
    const res = await fetch(`${url}/`, { headers: { 'accept-encoding': 'gzip' } });
    await res.arrayBuffer();
    if (res.headers.has('afterword-stale')) throw new Error(`${url}: serving a stale render (D1 failed)`);
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
  };
  console.log(
    `\nwrk -t1 -c${CONNECTIONS} -d${SECONDS}s -H 'Accept-Encoding: gzip'; ${ROUNDS} interleaved rounds; Miniflare ` +
      `(local workerd). Ratios within each round, median first. Shared machine (load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}).`,
  );
  console.log(`page: ${html.length} bytes identity, ${zipped.headers.get('content-length') ?? '?'} gzipped`);
  for (const t of targets) {
    const r = ratios.get(t.name) ?? [];
    const against = t.base === HELLO ? 'direct hello world' : 'hello world behind [assets]';
    console.log(
      `${t.name.padEnd(46)} ${median(rps.get(t.name) ?? [])
        .toFixed(0)
        .padStart(6)} req/s  ${median(r).toFixed(2)}x ${against} (rounds ${r.map((v) => v.toFixed(2)).join(', ')})`,
    );
  }
} finally {
  for (const mf of servers) await mf.dispose().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}

// D1 statements per 10,000 page views: counted inside workerd by the test (wrangler/Miniflare give no count from outside).
const d1 = await run(
  join(ROOT, 'node_modules/.bin/vitest'),
  ['run', '--project', 'workerd', 'test/workers/d1-reads.test.ts', '-t', 'page views'],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
console.log(/\[d1-reads\][^\n]*/.exec(d1.stdout)?.[0] ?? 'D1 statements: test/workers/d1-reads.test.ts failed');
