// HTTP caching of public responses: ETag / Last-Modified, 304s, invalidation by any write (also from
// another connection, as the CLI makes), no cookies, and the last good render when the database fails.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { openSqlite } from '../../src/db/node-sqlite';
import { createStore } from '../../src/db/store';
import { createApp } from '../../src/http/create-app';
import { createRenderCache } from '../../src/http/public/cache';
import { nodeGzip } from '../../src/node-server';
import { createComponent } from '../../src/services/components';
import { createWorld, type World } from '../helpers/world';
import { scenario } from './fixtures';

let w: World;
afterEach(() => w?.close());

const PUBLIC_PATHS = [
  '/',
  '/history',
  '/badge.svg',
  '/history.atom',
  '/history.rss',
  '/api/v2/summary.json',
  '/api/v2/status.json',
  '/api/v2/components.json',
  '/api/v2/incidents.json',
  '/api/v2/incidents/unresolved.json',
  '/api/v2/scheduled-maintenances.json',
  '/api/v2/scheduled-maintenances/upcoming.json',
  '/api/v2/scheduled-maintenances/active.json',
];

describe('public HTTP caching', () => {
  it.each(PUBLIC_PATHS)('%s: ETag, Last-Modified, Cache-Control, no cookie, 304 on a match', async (path) => {
    w = createWorld();
    await (await scenario(w)).component('API');
    const first = await w.call('GET', path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(lastModified).toMatch(/GMT$/);
    expect(first.headers.get('cache-control')).toBe(
      'public, max-age=30, s-maxage=2, stale-while-revalidate=60, stale-if-error=86400',
    );
    expect(first.headers.get('set-cookie')).toBeNull();

    const byEtag = await w.call('GET', path, { headers: { 'If-None-Match': etag ?? '' } });
    expect(byEtag.status).toBe(304);
    expect(byEtag.text).toBe('');
    expect(byEtag.headers.get('etag')).toBe(etag);
    const byDate = await w.call('GET', path, { headers: { 'If-Modified-Since': lastModified ?? '' } });
    expect(byDate.status).toBe(304);
    const other = await w.call('GET', path, { headers: { 'If-None-Match': 'W/"something-else"' } });
    expect(other.status).toBe(200);
  });

  it('serves the stored gzip to clients that accept it, the same bytes as identity', async () => {
    w = createWorld();
    await (await scenario(w)).component('API');
    const plain = await w.app.request('/');
    const zipped = await w.app.request('/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    const unzipped = await new Response(
      (zipped.body as ReadableStream).pipeThrough(new DecompressionStream('gzip')),
    ).text();
    expect(unzipped).toBe(await plain.text());
    expect(plain.headers.get('content-encoding')).toBeNull();
    const refused = await w.app.request('/', { headers: { 'Accept-Encoding': 'gzip;q=0' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
  });

  it('Node gzips with node:zlib: the same content, and a failing compressor falls back to identity, never a 500', async () => {
    w = createWorld();
    await (await scenario(w)).component('API');
    const plain = await (await w.app.request('/')).text();
    const zlib = createApp(w.deps, { renderCache: createRenderCache({ gzip: nodeGzip }) });
    const zipped = await zlib.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(new Uint8Array(await zipped.arrayBuffer())).toString()).toBe(plain);

    const broken = createApp(w.deps, {
      renderCache: createRenderCache({
        gzip: () => {
          throw new Error('compressor down');
        },
      }),
    });
    const errors: unknown[] = [];
    const spy = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      for (let i = 0; i < 2; i++) {
        const res = await broken.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-encoding')).toBeNull();
        expect(await res.text()).toBe(plain);
      }
    } finally {
      console.error = spy;
    }
    expect(errors).toHaveLength(1); // tried once per render, then identity
  });

  it('a write shows on the very next request, and the old ETag no longer matches', async () => {
    w = createWorld();
    const s = await scenario(w);
    const first = await w.call('GET', '/');
    const etag = first.headers.get('etag') ?? '';
    await s.component('Brand new component');
    const again = await w.call('GET', '/', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(200);
    expect(again.text).toContain('Brand new component');
    expect(again.headers.get('etag')).not.toBe(etag);
  });

  it('a write from another connection to the same database file (the CLI beside the server) invalidates too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterword-cache-'));
    const file = join(dir, 'db.sqlite');
    const server = openSqlite(file);
    const cli = openSqlite(file);
    try {
      const config = parseConfig({ PUBLIC_URL: 'https://status.example.test' });
      const clock = () => Date.parse('2026-11-20T12:00:00Z');
      const app = createApp({ store: createStore(server.db), clock, config });
      expect(await (await app.request('/')).text()).not.toContain('Made by the CLI');
      await createComponent({
        deps: { store: createStore(cli.db), clock, config },
        input: { name: 'Made by the CLI' },
        actor: { tokenId: null, label: 'cli' },
      });
      expect(await (await app.request('/')).text()).toContain('Made by the CLI');
    } finally {
      server.close();
      cli.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the clock alone moves a render on: a maintenance window that opens shows without any write', async () => {
    w = createWorld();
    const s = await scenario(w);
    await s.maintenance({
      title: 'Soon',
      scheduledFor: '2026-11-20T12:10:00Z',
      scheduledUntil: '2026-11-20T13:00:00Z',
    });
    expect((await w.call('GET', '/')).text).not.toContain('Maintenance in progress');
    w.clock.set('2026-11-20T12:10:00Z');
    expect((await w.call('GET', '/')).text).toContain('Maintenance in progress');
  });

  it('when the database fails, the last good page is served with a visible notice; JSON too', async () => {
    w = createWorld();
    await (await scenario(w)).component('Still shown');
    await w.call('GET', '/');
    await w.call('GET', '/api/v2/summary.json');
    w.handle.close();
    const page = await w.call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Still shown');
    expect(page.text).toContain('This page may be out of date.');
    expect(page.headers.get('afterword-stale')).toBeTruthy();
    const json = await w.call('GET', '/api/v2/summary.json');
    expect(json.status).toBe(200);
    expect(json.json.components[0].name).toBe('Still shown');
    expect(json.headers.get('afterword-stale')).toBeTruthy();
  });

  it('with nothing stored and no database, it answers 503 problem+json, never a 500', async () => {
    w = createWorld();
    w.handle.close();
    const res = await w.call('GET', '/');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
