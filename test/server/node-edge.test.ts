// The real Node entry (src/node.ts) answering public cache hits at its edge (src/node-server.ts):
// the same bytes and header fields as the app path, fresh after a write from another process, 304s,
// gzip when asked, HEAD.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { openSqlite } from '../../src/db/node-sqlite';
import { createStore } from '../../src/db/store';
import { versionPerTurn } from '../../src/node-server';
import { createComponent } from '../../src/services/components';
import { type RunningServer, runCli, startServer, tempDbPath } from '../helpers/processes';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request (node:http, so nothing is decompressed or normalised on the way). */
function send(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** Every header field but Date, which moves with the clock. */
function fields(r: Raw) {
  const { date, ...rest } = r.headers;
  expect(date).toMatch(/GMT$/);
  return rest;
}

let server: RunningServer;
let DATABASE_PATH: string;
beforeAll(async () => {
  DATABASE_PATH = tempDbPath();
  server = await startServer({ DATABASE_PATH });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('the Node edge answers public cache hits', () => {
  it('a miss (rendered by the app) and the hits after it send the same status, header fields and bytes', async () => {
    for (const path of ['/', '/api/v2/summary.json', '/badge.svg', '/history.atom', '/incidents/nope']) {
      const miss = await send(server.url, path);
      const hit = await send(server.url, path);
      const again = await send(server.url, path);
      expect(miss.status, path).toBe(path === '/incidents/nope' ? 404 : 200);
      expect(hit.status).toBe(miss.status);
      expect(fields(hit), path).toEqual(fields(miss));
      expect(fields(again)).toEqual(fields(miss));
      expect(hit.body.equals(miss.body)).toBe(true);
      expect(again.body.equals(miss.body)).toBe(true);
      expect(miss.headers['content-length']).toBe(String(miss.body.byteLength));
      expect(miss.headers['transfer-encoding']).toBeUndefined();
      expect(miss.headers['access-control-allow-origin']).toBe('*');
      expect(miss.headers['cache-control']).toBe(
        'public, max-age=30, s-maxage=2, stale-while-revalidate=60, stale-if-error=86400',
      );
      expect(miss.headers['set-cookie']).toBeUndefined();
    }
  });

  it('a query is part of the key, normalised as the app normalises it', async () => {
    const a = await send(server.url, '/history?month=2026-01');
    const b = await send(server.url, '/history?month=2026-01');
    expect(b.status).toBe(200);
    expect(fields(b)).toEqual(fields(a));
    expect(b.body.equals(a.body)).toBe(true);
    const other = await send(server.url, '/history?month=2026-02');
    expect(other.body.equals(a.body)).toBe(false);
    expect((await send(server.url, '/history?month=nope')).status).toBe(400);
    expect((await send(server.url, '/history?month=nope')).status).toBe(400);
  });

  it('answers If-None-Match and If-Modified-Since with a 304 carrying the validators', async () => {
    const page = await send(server.url, '/');
    const etag = String(page.headers.etag);
    const byEtag = await send(server.url, '/', { 'If-None-Match': etag });
    expect(byEtag.status).toBe(304);
    expect(byEtag.body.byteLength).toBe(0);
    expect(byEtag.headers.etag).toBe(etag);
    expect(byEtag.headers['last-modified']).toBe(page.headers['last-modified']);
    expect(byEtag.headers['cache-control']).toBe(page.headers['cache-control']);
    expect(byEtag.headers['content-type']).toBeUndefined();
    expect((await send(server.url, '/', { 'If-None-Match': `"x", ${etag.replace(/^W\//, '')}` })).status).toBe(304);
    const byDate = await send(server.url, '/', { 'If-Modified-Since': String(page.headers['last-modified']) });
    expect(byDate.status).toBe(304);
    // If-None-Match wins over If-Modified-Since.
    const mismatch = await send(server.url, '/', {
      'If-None-Match': 'W/"something-else"',
      'If-Modified-Since': String(page.headers['last-modified']),
    });
    expect(mismatch.status).toBe(200);
    expect(mismatch.body.equals(page.body)).toBe(true);
  });

  it('sends the stored gzip when asked, the same content as identity, and identity when gzip is refused', async () => {
    const identity = await send(server.url, '/');
    const first = await send(server.url, '/', { 'Accept-Encoding': 'gzip, deflate, br' });
    const second = await send(server.url, '/', { 'Accept-Encoding': 'gzip, deflate, br' });
    for (const z of [first, second]) {
      expect(z.headers['content-encoding']).toBe('gzip');
      expect(z.headers.vary).toBe('Accept-Encoding');
      expect(z.headers['content-length']).toBe(String(z.body.byteLength));
      expect(gunzipSync(z.body).equals(identity.body)).toBe(true);
    }
    expect(fields(second)).toEqual(fields(first));
    expect(second.body.equals(first.body)).toBe(true);
    const refused = await send(server.url, '/', { 'Accept-Encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(identity.body)).toBe(true);
  });

  it('HEAD sends the header fields of the GET and no body', async () => {
    const get = await send(server.url, '/');
    const head = await send(server.url, '/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['cache-control']).toBe(get.headers['cache-control']);
  });

  it('a write from another process shows on the next request: a second connection, then the real CLI', async () => {
    const before = await send(server.url, '/');
    expect((await send(server.url, '/')).headers.etag).toBe(before.headers.etag); // a hit
    expect(before.body.toString()).not.toContain('Written beside the server');

    const other = openSqlite(DATABASE_PATH);
    try {
      const deps = {
        store: createStore(other.db),
        clock: () => Date.now(),
        config: parseConfig({ PUBLIC_URL: 'http://localhost' }),
      };
      await createComponent({
        deps,
        input: { name: 'Written beside the server' },
        actor: { tokenId: null, label: 'cli' },
      });
    } finally {
      other.close();
    }
    // A crowd sent after the write: every answer shows it (the edge's per-turn version read is taken after they arrive).
    const crowd = await Promise.all(Array.from({ length: 16 }, () => send(server.url, '/')));
    for (const r of crowd) expect(r.body.toString()).toContain('Written beside the server');
    const after = await send(server.url, '/');
    expect(after.body.toString()).toContain('Written beside the server');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The old validator no longer matches.
    expect((await send(server.url, '/', { 'If-None-Match': String(before.headers.etag) })).status).toBe(200);
    const json = await send(server.url, '/api/v2/components.json');
    expect(json.body.toString()).toContain('Written beside the server');

    const cli = runCli(['seed-demo', '--force', '--incidents', '3', '--days', '10'], { DATABASE_PATH });
    expect(cli.status, cli.stderr).toBe(0);
    const seeded = await send(server.url, '/api/v2/components.json');
    const names = (JSON.parse(seeded.body.toString()) as { components: { name: string }[] }).components.length;
    expect(names).toBeGreaterThan(1);
    expect(seeded.body.equals(json.body)).toBe(false);
  }, 60_000);
});

describe('the edge reads the data version once per event-loop turn', () => {
  it('requests handled in the same turn share one read; the next turn reads again and sees a change', async () => {
    let stored = 1;
    let reads = 0;
    const version = versionPerTurn(() => {
      reads++;
      return stored;
    });
    expect([version(), version(), version()]).toEqual([1, 1, 1]);
    expect(reads).toBe(1);
    stored = 2; // a write committed while the turn's requests are being answered
    expect(version()).toBe(1);
    await new Promise((done) => setImmediate(done));
    expect(version()).toBe(2);
    expect(reads).toBe(2);
  });

  it('an asynchronous read (D1) is never shared', async () => {
    let reads = 0;
    const version = versionPerTurn(() => {
      reads++;
      return Promise.resolve(7);
    });
    expect(await version()).toBe(7);
    expect(await version()).toBe(7);
    expect(reads).toBe(2);
  });
});
