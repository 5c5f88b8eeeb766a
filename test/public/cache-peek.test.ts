// RenderCache.peek (what the Node edge answers hits with) decides exactly as the app path does, and
// declines whenever the app must act: nothing stored, a newer data version, the clock past the
// render's boundary, gzip not computed yet, an asynchronous or failing version read, unsafe targets.
import { createServer, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app';
import { type CacheDeps, createRenderCache, type Hit } from '../../src/http/public/cache';
import { nodeListener } from '../../src/node-server';
import { createComponent } from '../../src/services/components';
import { createWorld, type World } from '../helpers/world';
import { scenario } from './fixtures';

let w: World;
let server: Server | null = null;
afterEach(async () => {
  if (server) await new Promise((done) => server?.close(done));
  server = null;
  w?.close();
});

function setup() {
  w = createWorld();
  const cache = createRenderCache();
  const app = createApp(w.deps, { renderCache: cache });
  const peek = (target: string, headers: Record<string, string> = {}): Hit | null =>
    cache.peek(w.deps, target, (name) => headers[name]);
  return { cache, app, peek };
}

async function bytes(res: Response) {
  return new Uint8Array(await res.arrayBuffer());
}

describe('RenderCache.peek', () => {
  it('returns the stored answer the app sends, with its Content-Length, and nothing before a render', async () => {
    const { app, peek } = setup();
    await (await scenario(w)).component('API');
    expect(peek('/')).toBeNull();
    const res = await app.request('/');
    const hit = peek('/');
    expect(hit?.status).toBe(200);
    expect(hit?.body).toEqual(await bytes(res));
    const expected: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      expected[k] = v;
    });
    const got = Object.fromEntries(Object.entries(hit?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    expect(got).toEqual({ ...expected, 'content-length': String(hit?.body?.byteLength) });
  });

  it('304 on a matching ETag or an unchanged Last-Modified, as the app answers', async () => {
    const { app, peek } = setup();
    const res = await app.request('/api/v2/status.json');
    const etag = res.headers.get('etag') ?? '';
    const hit = peek('/api/v2/status.json', { 'if-none-match': etag });
    expect(hit).toMatchObject({ status: 304, body: null });
    expect(hit?.headers.ETag).toBe(etag);
    expect(hit?.headers['Content-Type']).toBeUndefined();
    expect(peek('/api/v2/status.json', { 'if-modified-since': res.headers.get('last-modified') ?? '' })?.status).toBe(
      304,
    );
    expect(peek('/api/v2/status.json', { 'if-none-match': 'W/"other"' })?.status).toBe(200);
  });

  it('gzip: declines until the app has compressed the render once, then returns the stored gzip', async () => {
    const { app, peek } = setup();
    await (await scenario(w)).component('API');
    await app.request('/');
    expect(peek('/', { 'accept-encoding': 'gzip' })).toBeNull();
    const zipped = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    const hit = peek('/', { 'accept-encoding': 'gzip' });
    expect(hit?.headers['Content-Encoding']).toBe('gzip');
    expect(hit?.body).toEqual(await bytes(zipped));
    expect(peek('/', { 'accept-encoding': 'gzip;q=0' })?.headers['Content-Encoding']).toBeUndefined();
  });

  it('declines after any write, and once the clock passes the render boundary', async () => {
    const { app, peek } = setup();
    await app.request('/');
    expect(peek('/')).not.toBeNull();
    await createComponent({ deps: w.deps, input: { name: 'New' }, actor: { tokenId: null, label: 'cli' } });
    expect(peek('/')).toBeNull();
    await app.request('/');
    expect(peek('/')).not.toBeNull();
    w.clock.advance(2 * 24 * 3600_000);
    expect(peek('/')).toBeNull();
  });

  it('declines when the data version cannot be read synchronously, or not at all', async () => {
    const { app, peek, cache } = setup();
    await app.request('/');
    const version = w.deps.store.public.version();
    const asyncDeps: CacheDeps = { clock: w.deps.clock, store: { public: { version: async () => version } } };
    expect(cache.peek(asyncDeps, '/', () => undefined)).toBeNull();
    const failing: CacheDeps = {
      clock: w.deps.clock,
      store: {
        public: {
          version: () => {
            throw new Error('disk I/O error');
          },
        },
      },
    };
    expect(cache.peek(failing, '/', () => undefined)).toBeNull();
    expect(peek('/')).not.toBeNull();
  });

  it('keys targets as the app does, and declines targets it cannot key the same way', async () => {
    const { app, peek } = setup();
    await app.request('/history?month=2026-10&b=1');
    // Only the parameters the route reads make the key: order and unknown parameters do not matter.
    expect(peek('/history?b=1&month=2026-10')).not.toBeNull();
    expect(peek('/history?month=2026-10&utm_source=x')).not.toBeNull();
    expect(peek('/history?month=2026-09')).toBeNull();
    await app.request('/history');
    expect(peek('/history')).not.toBeNull();
    for (const target of ['/history/', '/%68istory', '/x/../history', '//history', 'http://h/history', '']) {
      expect(peek(target), target).toBeNull();
    }
  });
});

/** Raw GET through an in-process server running the Node listener. */
function get(port: number, path: string, headers: Record<string, string> = {}) {
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

async function listen(w: World): Promise<number> {
  server = createServer(nodeListener(w.deps));
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe('the Node listener', () => {
  it('a hit at the edge and the same hit through the app (version read asynchronously) are identical', async () => {
    w = createWorld();
    await (await scenario(w)).component('API');
    const port = await listen(w);
    await get(port, '/');
    await get(port, '/', { 'Accept-Encoding': 'gzip' });
    const edge = await get(port, '/');
    const edgeGzip = await get(port, '/', { 'Accept-Encoding': 'gzip' });
    const edge304 = await get(port, '/', { 'If-None-Match': String(edge.headers.etag) });
    // An asynchronous version read (as on D1) makes peek decline: the app answers the same hit.
    const store = w.deps.store;
    const version = store.public.version();
    w.deps.store = { ...store, public: { ...store.public, version: async () => version } };
    const app = await get(port, '/');
    const appGzip = await get(port, '/', { 'Accept-Encoding': 'gzip' });
    const app304 = await get(port, '/', { 'If-None-Match': String(edge.headers.etag) });
    w.deps.store = store;
    for (const [a, b] of [
      [edge, app],
      [edgeGzip, appGzip],
      [edge304, app304],
    ] as const) {
      const { date: _a, ...ah } = a.headers;
      const { date: _b, ...bh } = b.headers;
      expect(a.status).toBe(b.status);
      expect(ah).toEqual(bh);
      expect(a.body.equals(b.body)).toBe(true);
    }
    expect(edge304.status).toBe(304);
    expect(edgeGzip.headers['content-encoding']).toBe('gzip');
  });

  it('when the database fails, the stored page is served stale with its notice (the edge steps aside)', async () => {
    w = createWorld();
    await (await scenario(w)).component('Still shown');
    const port = await listen(w);
    await get(port, '/');
    w.handle.close();
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('Still shown');
    expect(page.body.toString()).toContain('This page may be out of date.');
    expect(page.headers['afterword-stale']).toBeTruthy();
  });

  it('everything else goes through the app: the API, static files, 404s', async () => {
    w = createWorld();
    const port = await listen(w);
    expect(JSON.parse((await get(port, '/healthz')).body.toString())).toMatchObject({ ok: true, database: 'ok' });
    expect((await get(port, '/api/v1/components')).status).toBe(401);
    expect((await get(port, '/no-such-page')).status).toBe(404);
  });
});
