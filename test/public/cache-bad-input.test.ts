// Odd requests to public routes, through the Node listener (the edge that answers cache hits, then
// the app): unknown parameters, 8 KiB query strings and every kind of Accept-Encoding get a correct,
// decodable answer, never a 5xx. (test/workers/bad-input.test.ts asks the same of the Worker.)
import { createServer, request, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeListener } from '../../src/node-server';
import { createWorld, type World } from '../helpers/world';
import { scenario } from './fixtures';

let w: World;
let server: Server;
let port = 0;

beforeAll(async () => {
  w = createWorld();
  const s = await scenario(w);
  const api = await s.component('API');
  const id = await s.incident({
    title: 'Odd requests',
    startedAt: '2026-11-20T11:00:00Z',
    components: [{ id: api, status: 'degraded_performance' }],
  });
  incidentPath = `/incidents/${id}`;
  server = createServer(nodeListener(w.deps));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  await new Promise((done) => server?.close(done));
  w?.close();
});
let incidentPath = '';

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
}

/** The body as a client decodes it: by its Content-Encoding, which must be one the client accepted. */
function decode(r: { headers: Record<string, unknown>; body: Buffer }, accepted: string[]): string {
  const encoding = r.headers['content-encoding'] as string | undefined;
  if (encoding === undefined) return r.body.toString('utf8');
  expect(accepted).toContain(encoding);
  return gunzipSync(r.body).toString('utf8');
}

const PATHS = ['/', '/history', '/history.atom', '/history.rss', '/badge.svg', '/api/v2/summary.json'];
const ENCODINGS: [string, string[]][] = [
  ['gzip, deflate, br', ['gzip']],
  ['gzip;q=0', []],
  ['gzip;q=0, identity', []],
  ['identity', []],
  ['*', ['gzip']],
  ['br', []],
  ['', []],
  ['GZIP;Q=1.0', ['gzip']],
  ['x'.repeat(4096), []],
];

describe('odd requests to the public routes (Node)', () => {
  it('every Accept-Encoding gets a body it can decode', async () => {
    for (const path of [...PATHS, incidentPath]) {
      const plain = decode(await get(path), []);
      for (const [header, accepted] of ENCODINGS) {
        // Twice: the first may be rendered by the app, the second answered at the edge.
        for (let round = 0; round < 2; round++) {
          const res = await get(path, { 'Accept-Encoding': header });
          expect(res.status, `${path} ${header}`).toBe(200);
          expect(decode(res, accepted), `${path} ${header}`).toBe(plain);
        }
      }
    }
  });

  it('unknown parameters and 8 KiB query strings: the page, never a 5xx', async () => {
    const big = 'x'.repeat(8 * 1024);
    for (const path of [...PATHS, incidentPath]) {
      const plain = decode(await get(path), []);
      for (const q of [`?utm_source=${big}`, `?${big}`, `?a=1&a=2&${'k'.repeat(100)}=%ZZ`, '?=&&=', `?%00=%FF`]) {
        const res = await get(`${path}${q}`, { 'Accept-Encoding': 'gzip, deflate, br' });
        expect(res.status, `${path}${q.slice(0, 40)}`).toBe(200);
        expect(decode(res, ['gzip'])).toBe(plain);
      }
    }
  });

  it('a bad value of a parameter the route reads is a 4xx problem, also when 8 KiB long', async () => {
    for (const q of ['?month=nope', `?month=${'9'.repeat(8 * 1024)}`]) {
      const res = await get(`/history${q}`, { 'Accept-Encoding': 'gzip' });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const unknown = await get(`/incidents/${'z'.repeat(8 * 1024)}`, { 'Accept-Encoding': 'gzip' });
    expect(unknown.status).toBe(404);
    expect(decode(unknown, ['gzip'])).toContain('Not found');
  });
});
