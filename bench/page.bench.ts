// `npm run bench -- page`: the public page under a local load generator (wrk; autocannon if wrk is missing),
// warm cache and every-request cache miss, for `/` and `/api/v2/summary.json`, served by the same Node
// server as `npm start` (src/node-server.ts: cache hits answered at its edge), each as a ratio to a bare
// node:http hello-world server measured in the same rounds; plus the cache-miss render p50 measured directly.
// Data: 10 components, 3 open incidents, 2,000 past incidents in a temp SQLite file.
import { type ChildProcess, execFile, fork, spawnSync } from 'node:child_process';
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
import { createNodeApp, createNodeServer } from '../src/node-server';
import type { Deps } from '../src/services/deps';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<any>;

const SECONDS = Number(process.env.BENCH_SECONDS || 2);
const LOAD_ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS || 5);
const CONNECTIONS = 32;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
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

// The load generator. wrk (C, Debian package `wrk`) by default: it never decodes a body, so on a
// two-core machine the server, not the client, is what is measured. autocannon (JavaScript) decodes every
// body as UTF-8 and saturates its own core first on any body larger than a hello-world, which made the
// page ratios a measure of autocannon (set BENCH_LOADGEN=autocannon to see it). Without wrk on PATH the
// bench says so and falls back to autocannon.
const WRK_SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"duration":%d,"p50":%d,"p99":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
`;
const LOADGEN = process.env.BENCH_LOADGEN || (hasWrk() ? 'wrk' : 'autocannon');

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

type Load = { rps: number; p50: number; p99: number };

function wrk(url: string, headers: Record<string, string>, seconds: number, scriptFile: string): Promise<Load> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '-s', scriptFile];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { encoding: 'utf8' }, (error, stdout) => {
      if (error) return reject(error);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      const r = JSON.parse(line) as Record<'requests' | 'duration' | 'p50' | 'p99' | 'status', number>;
      if (r.status > 0) return reject(new Error(`${url}: ${r.status} non-2xx answers (${line})`));
      // wrk reports latency in microseconds; shown in ms like autocannon's.
      resolve({ rps: r.requests / (r.duration / 1e6), p50: r.p50 / 1000, p99: r.p99 / 1000 });
    });
  });
}

async function load(url: string, headers: Record<string, string>, seconds: number, scriptFile: string): Promise<Load> {
  if (LOADGEN === 'wrk') return wrk(url, headers, seconds, scriptFile);
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
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
    const { app } = createNodeApp(deps);
    // Without Accept-Encoding the miss is the render alone; with gzip it also pays the (lazy, once per render) compression.
    // ROUNDS rounds of 100 requests per target, taken in turn, so that a burst of noise from the rest of the
    // machine (a shared VM here) lands in one round of every target rather than in all of one target's
    // samples; reported: the median of the rounds' p50s, and the lowest and highest round.
    const targets = ['/', '/api/v2/summary.json'].flatMap((path) =>
      (
        [
          ['', {}],
          [' + gzip', GZIP],
        ] as const
      ).map(([label, headers]) => ({ name: `${path}${label}`, path, headers })),
    );
    const roundP50s = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    for (const t of targets)
      for (let i = 0; i < 20; i++) await (await app.request(t.path, { headers: t.headers })).arrayBuffer();
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        const times: number[] = [];
        for (let i = 0; i < 100; i++) {
          const start = performance.now();
          const res = await app.request(t.path, { headers: t.headers });
          await res.arrayBuffer();
          times.push(performance.now() - start);
          if (res.status !== 200) throw new Error(`${t.path} -> ${res.status}`);
        }
        roundP50s.get(t.name)?.push(median(times));
      }
    }
    const direct = new Map(
      [...roundP50s].map(([name, p50s]) => [
        name,
        { p50: median(p50s), min: Math.min(...p50s), max: Math.max(...p50s) },
      ]),
    );
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

    const wrkScript = join(dir, 'report.lua');
    writeFileSync(wrkScript, WRK_SCRIPT);
    if (LOADGEN !== 'wrk')
      console.log(
        'wrk not found (Debian: apt-get install wrk): falling back to autocannon, which saturates before the server on page-sized bodies',
      );
    // Every server runs at once, idle but for the one under load; the targets are loaded in turn, round
    // after round, and each round's figures are divided by the bare server's in the same round. A burst of
    // noise from the rest of the machine (a shared VM here) then moves one round of every target instead
    // of all of one target's figures. Reported: the median of the rounds, and the lowest and highest ratio.
    const pageLabel = `bare, page (${pageBytes} B)`;
    const gzipLabel = `bare, page gzip (${gzipBytes} B)`;
    const servers = new Map<string, { proc: ChildProcess; port: number }>();
    try {
      for (const mode of ['bare', `bytes:${pageFile}`, `bytes:${gzipFile}`, 'warm', 'miss']) {
        servers.set(mode, await startChild(mode, file));
      }
      const targets: { name: string; mode: string; path: string; headers: Record<string, string> }[] = [
        { name: 'bare /', mode: 'bare', path: '/', headers: {} },
        { name: `${pageLabel} /`, mode: `bytes:${pageFile}`, path: '/', headers: {} },
        { name: `${gzipLabel} /`, mode: `bytes:${gzipFile}`, path: '/', headers: {} },
      ];
      for (const mode of ['warm', 'miss']) {
        for (const path of ['/', '/api/v2/summary.json']) {
          targets.push({ name: `${mode} ${path}`, mode, path, headers: {} });
          // Browsers and CDNs send Accept-Encoding: the stored gzip is what a crowd actually gets.
          targets.push({ name: `${mode} ${path} (gzip)`, mode, path, headers: GZIP });
        }
      }
      const url = (t: (typeof targets)[number]) => `http://127.0.0.1:${servers.get(t.mode)?.port}${t.path}`;
      // A short warm-up, so the first render and the JIT are not in the figures.
      for (const t of targets) await load(url(t), t.headers, 1, wrkScript);
      const runs = new Map(targets.map((t) => [t.name, [] as (Load & { ratio: number })[]]));
      for (let round = 0; round < LOAD_ROUNDS; round++) {
        let bareRps = Number.NaN;
        for (const t of targets) {
          const r = await load(url(t), t.headers, SECONDS, wrkScript);
          if (t.mode === 'bare') bareRps = r.rps;
          runs.get(t.name)?.push({ ...r, ratio: r.rps / bareRps });
        }
      }

      console.log(
        `\n${LOADGEN === 'wrk' ? 'wrk, 1 thread' : 'autocannon'}: ${CONNECTIONS} connections, ${LOAD_ROUNDS} rounds of ${SECONDS} s per target, on this machine`,
      );
      console.log(
        'bare rows: node:http, no Accept-Encoding (the page rows send the bytes of the page and of its gzip as they are);',
      );
      console.log('Afterword rows: identity unless marked (gzip) = request sent with Accept-Encoding: gzip');
      console.log(
        'medians of the rounds                   req/s   p50 ms  p99 ms  ratio to bare [lowest, highest round]',
      );
      const summary = new Map<string, { rps: number; ratio: number }>();
      for (const [name, rs] of runs) {
        const m = (f: (r: Load & { ratio: number }) => number) => median(rs.map(f));
        const ratios = rs.map((r) => r.ratio);
        summary.set(name, { rps: m((r) => r.rps), ratio: m((r) => r.ratio) });
        console.log(
          `${name.padEnd(37)} ${m((r) => r.rps)
            .toFixed(0)
            .padStart(7)}  ${m((r) => r.p50)
            .toFixed(2)
            .padStart(7)} ${m((r) => r.p99)
            .toFixed(2)
            .padStart(
              7,
            )}  ${m((r) => r.ratio).toFixed(2)} [${Math.min(...ratios).toFixed(2)}, ${Math.max(...ratios).toFixed(2)}]`,
        );
      }
      console.log(
        `\ncache-miss p50, measured directly in-process, median of ${ROUNDS} rounds [lowest, highest round] (target < 5 ms for the render of /):`,
      );
      for (const [path, r] of direct)
        console.log(`  ${path.padEnd(31)} ${r.p50.toFixed(2)} ms  [${r.min.toFixed(2)}, ${r.max.toFixed(2)}]`);
      const ratio = (k: string) => (summary.get(k)?.ratio ?? 0).toFixed(2);
      console.log(
        `\ncached page / bare: ${ratio('warm / (gzip)')} with gzip, ${ratio('warm /')} identity (target >= 0.65)`,
      );
      const vs = (k: string, ref: string) =>
        ((summary.get(k)?.rps ?? 0) / (summary.get(ref)?.rps ?? Number.NaN)).toFixed(2);
      console.log(
        `cached page / bare server sending the same bytes: ${vs('warm / (gzip)', `${gzipLabel} /`)} with gzip, ${vs('warm /', `${pageLabel} /`)} identity`,
      );
    } finally {
      for (const { proc } of servers.values()) {
        proc.removeAllListeners('exit');
        proc.kill();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) await child(process.argv[serveAt + 1] ?? 'warm', process.argv[serveAt + 2] ?? '');
else await main();
