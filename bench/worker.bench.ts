// `npm run bench -- worker`: the Worker under local workerd (`wrangler dev`), loaded with wrk.
// - cached `/` with Accept-Encoding: gzip against a hello-world Worker on the same runtime (target >= 0.8x);
// - the two ways to send a compressed page, on the same runtime: stored gzip bytes with
//   `encodeBody: "manual"` (what Afterword does) against an identity body the runtime compresses.
// The D1 statements per 10,000 page views come from test/workers/d1-reads.test.ts (a counting D1
// binding inside workerd); wrangler dev gives no statement count from outside.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { demoSql, startWranglerDev, type WranglerDev } from '../test/helpers/wrangler-dev';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 32;
const ROUNDS = 2;

async function wrk(url: string, headers: string[] = []): Promise<number> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, ...headers.flatMap((h) => ['-H', h]), url];
  const { stdout } = await run('wrk', args, { encoding: 'utf8' });
  const m = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(stdout);
  if (errors) throw new Error(`${url}: ${errors[1]} error responses\n${stdout}`);
  return m ? Number(m[1]) : 0;
}

/** A second Worker on the same runtime: hello world, and the page sent both ways. */
function referenceWorker(dir: string, html: string): string {
  const gz = gzipSync(Buffer.from(html)).toString('base64');
  const src = `
const HTML = ${JSON.stringify(html)};
const GZ = Uint8Array.from(atob(${JSON.stringify(gz)}), (c) => c.charCodeAt(0));
const type = { 'content-type': 'text/html; charset=utf-8' };
export default {
  fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === '/manual-gzip') return new Response(GZ, { headers: { ...type, 'content-encoding': 'gzip' }, encodeBody: 'manual' });
    if (path === '/runtime-gzip') return new Response(HTML, { headers: { ...type, 'content-encoding': 'gzip' } });
    if (path === '/healthz') return new Response('ok');
    return new Response('Hello world');
  },
};`;
  writeFileSync(join(dir, 'reference.js'), src);
  writeFileSync(
    join(dir, 'wrangler.toml'),
    'name = "reference"\nmain = "reference.js"\ncompatibility_date = "2026-04-20"\n',
  );
  return dir;
}

const sql = await demoSql({ pastIncidents: 40, historyDays: 90, openIncidents: 2 });
const afterword = await startWranglerDev(sql);
const refDir = mkdtempSync(join(tmpdir(), 'afterword-reference-'));
let reference: WranglerDev | undefined;
try {
  const html = await (await fetch(`${afterword.url}/`, { headers: { 'accept-encoding': 'identity' } })).text();
  reference = await startWranglerDev('', {}, referenceWorker(refDir, html));
  const targets = [
    { name: 'hello-world Worker', url: `${reference.url}/`, headers: [] as string[] },
    { name: 'Afterword / (gzip, cached)', url: `${afterword.url}/`, headers: ['Accept-Encoding: gzip'] },
    {
      name: 'page, stored gzip + encodeBody manual',
      url: `${reference.url}/manual-gzip`,
      headers: ['Accept-Encoding: gzip'],
    },
    {
      name: 'page, runtime compresses identity',
      url: `${reference.url}/runtime-gzip`,
      headers: ['Accept-Encoding: gzip'],
    },
  ];
  for (const t of targets) await wrk(t.url, t.headers).catch(() => 0); // warm-up (render, gzip, JIT)
  const results = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) results.set(t.name, [...(results.get(t.name) ?? []), await wrk(t.url, t.headers)]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const hello = mean(results.get('hello-world Worker') ?? [0]);
  console.log(
    `\nwrk, 1 thread, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, wrangler dev (local workerd)`,
  );
  console.log(`page: ${html.length} bytes identity, ${gzipSync(Buffer.from(html)).byteLength} gzipped`);
  for (const [name, xs] of results) {
    console.log(
      `${name.padEnd(40)} ${mean(xs).toFixed(0).padStart(7)} req/s  (${(mean(xs) / hello).toFixed(2)}x hello world; rounds ${xs.map((x) => x.toFixed(0)).join(', ')})`,
    );
  }
  console.log('D1 statements per 10,000 page views: see test/workers/d1-reads.test.ts ([d1-reads] line).');
} finally {
  await reference?.stop();
  await afterword.stop();
  rmSync(refDir, { recursive: true, force: true });
}
