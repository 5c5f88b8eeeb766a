// `npm run bench -- page`: the public page under a local load generator (autocannon), warm cache and
// every-request cache miss, for `/` and `/api/v2/summary.json`, served by the same Node server as
// `npm start` (src/node-server.ts: cache hits answered at its edge), each as a ratio to a bare
// node:http hello-world server measured in the same run; plus the cache-miss render p50 measured directly.
// Data: 10 components, 3 open incidents, 2,000 past incidents in a temp SQLite file.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../src/cli/commands/seed-demo';
import { parseConfig } from '../src/config';
import { openSqlite } from '../src/db/node-sqlite';
import { createStore } from '../src/db/store';
import { createApp } from '../src/http/create-app';
import { createNodeServer } from '../src/node-server';
import type { Deps } from '../src/services/deps';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<any>;

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONNECTIONS = 32;
const GZIP = { 'accept-encoding': 'gzip' };

function appDeps(file: string, forceMiss: boolean): { deps: Deps; close: () => void } {
  const handle = openSqlite(file);
  const store = createStore(handle.db);
  if (forceMiss) {
    // Bench-only: every read of the data version sees a new one, so every request renders from the database.
    let n = 1e9;
    store.public = { ...store.public, version: async () => ++n };
  }
  const deps: Deps = {
    store,
    clock: () => Date.now(),
    config: parseConfig({ PUBLIC_URL: 'http://localhost:8787' }),
  } as Deps;
  return { deps, close: () => handle.close() };
}

/** Child mode: serve one target on port 0 and report the port to the parent. */
async function child(mode: string, file: string) {
  if (mode === 'bare' || mode.startsWith('bytes:')) {
    // 'bytes:FILE': the same bare server answering with the page's own bytes (identity or gzip), to show
    // what the bytes alone cost. They must be the real bytes: autocannon decodes every body as UTF-8,
    // which costs the load generator far more for HTML or gzip than for a run of 'x' (2x here).
    const body = mode === 'bare' ? Buffer.from('hello world') : readFileSync(mode.slice(6));
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
    });
    return;
  }
  // The server src/node.ts runs (cache hits answered at its edge, the rest through the app). In 'miss'
  // mode the data version is read asynchronously, so the edge always steps aside and the app renders.
  const { deps } = appDeps(file, mode === 'miss');
  const server = createNodeServer(deps);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
}

function startChild(mode: string, file: string): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--serve', mode, file], { execArgv: ['--import', 'tsx'] });
    proc.once('message', (m: { port: number }) => resolve({ proc, port: m.port }));
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

async function load(url: string, headers: Record<string, string> = {}) {
  // A short warm-up so the first render and JIT are not in the figures.
  await autocannon({ url, headers, connections: 4, amount: 200 });
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average as number, p50: r.latency.p50 as number, p99: r.latency.p99 as number };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-bench-'));
  const file = join(dir, 'bench.db');
  try {
    const seedStart = performance.now();
    {
      const handle = openSqlite(file);
      handle.sqlite.pragma('synchronous = OFF');
      const deps: Deps = {
        store: createStore(handle.db),
        clock: () => Date.now(),
        config: parseConfig({ PUBLIC_URL: 'http://localhost:8787' }),
      } as Deps;
      await seedDemo(deps, { now: Date.now(), pastIncidents: 2000, historyDays: 730, openIncidents: 3 });
      handle.close();
    }
    console.log(
      `seeded 10 components, 3 open + 2,000 past incidents in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    // The cache-miss render, measured directly (no HTTP), with 2,000 past incidents.
    const { deps, close } = appDeps(file, true);
    const app = createApp(deps);
    // Without Accept-Encoding the miss is the render alone; with gzip it also pays the (lazy, once per render) compression.
    const direct: Record<string, number> = {};
    for (const path of ['/', '/api/v2/summary.json']) {
      for (const [label, headers] of [
        ['', {}],
        [' + gzip', GZIP],
      ] as const) {
        for (let i = 0; i < 20; i++) await (await app.request(path, { headers })).arrayBuffer();
        const times: number[] = [];
        for (let i = 0; i < 200; i++) {
          const t = performance.now();
          const res = await app.request(path, { headers });
          await res.arrayBuffer();
          times.push(performance.now() - t);
          if (res.status !== 200) throw new Error(`${path} -> ${res.status}`);
        }
        times.sort((a, b) => a - b);
        direct[`${path}${label}`] = times[Math.floor(times.length / 2)] ?? Number.NaN;
      }
    }
    const page = new Uint8Array(await (await app.request('/')).arrayBuffer());
    const gzipped = new Uint8Array(await (await app.request('/', { headers: GZIP })).arrayBuffer());
    const pageBytes = page.byteLength;
    const gzipBytes = gzipped.byteLength;
    const pageFile = join(dir, 'page.html');
    const gzipFile = join(dir, 'page.html.gz');
    writeFileSync(pageFile, page);
    writeFileSync(gzipFile, gzipped);
    close();
    console.log(`page size: ${(pageBytes / 1024).toFixed(0)} KiB, ${(gzipBytes / 1024).toFixed(1)} KiB gzipped`);

    const results: Record<string, { rps: number; p50: number; p99: number }> = {};
    const labels: Record<string, string> = {
      [`bytes:${pageFile}`]: `bare, page (${pageBytes} B)`,
      [`bytes:${gzipFile}`]: `bare, page gzip (${gzipBytes} B)`,
    };
    for (const mode of ['bare', `bytes:${pageFile}`, `bytes:${gzipFile}`, 'warm', 'miss']) {
      const { proc, port } = await startChild(mode, file);
      const label = labels[mode] ?? mode;
      try {
        const bareLike = mode === 'bare' || mode.startsWith('bytes:');
        const paths = bareLike ? ['/'] : ['/', '/api/v2/summary.json'];
        for (const path of paths) {
          results[`${label} ${path}`] = await load(`http://127.0.0.1:${port}${path}`);
          // Browsers and CDNs send Accept-Encoding: the stored gzip is what a crowd actually gets.
          if (!bareLike) {
            results[`${label} ${path} (gzip)`] = await load(`http://127.0.0.1:${port}${path}`, GZIP);
          }
        }
      } finally {
        proc.removeAllListeners('exit');
        proc.kill();
      }
    }

    const bare = results['bare /'];
    if (!bare) throw new Error('no bare result');
    console.log(`\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s per target, on this machine`);
    console.log(
      'bare rows: node:http, no Accept-Encoding (the page rows send the bytes of the page and of its gzip as they are);',
    );
    console.log('Afterword rows: identity unless marked (gzip) = request sent with Accept-Encoding: gzip');
    console.log('target                                 req/s   p50 ms  p99 ms  ratio to bare');
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `${name.padEnd(37)} ${r.rps.toFixed(0).padStart(7)}  ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}  ${(r.rps / bare.rps).toFixed(2)}`,
      );
    }
    console.log('\ncache-miss p50, measured directly in-process (target < 5 ms for the render of /):');
    for (const [path, ms] of Object.entries(direct)) console.log(`  ${path.padEnd(31)} ${ms.toFixed(2)} ms`);
    const ratio = (k: string) => ((results[k]?.rps ?? 0) / bare.rps).toFixed(2);
    console.log(
      `\ncached page / bare: ${ratio('warm / (gzip)')} with gzip, ${ratio('warm /')} identity (target >= 0.65)`,
    );
    const vs = (k: string, ref: string) => ((results[k]?.rps ?? 0) / (results[ref]?.rps ?? Number.NaN)).toFixed(2);
    console.log(
      `cached page / bare server sending the same bytes: ${vs('warm / (gzip)', `${labels[`bytes:${gzipFile}`]} /`)} with gzip, ${vs('warm /', `${labels[`bytes:${pageFile}`]} /`)} identity`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await child(process.argv[serveAt + 1] ?? 'warm', process.argv[serveAt + 2] ?? '');
else await main();
