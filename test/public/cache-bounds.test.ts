// The render cache stays bounded whatever URLs arrive: entries are keyed on the route and only the
// query parameters it reads, 404s for unknown ids are not stored, the LRU is capped by entries and by
// bytes, and each route's last good render is pinned, so a database failure after a crawl of junk
// URLs still shows the last good page.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app';
import { createRenderCache, type RenderCacheOptions } from '../../src/http/public/cache';
import { createWorld, type World } from '../helpers/world';
import { scenario } from './fixtures';

let w: World;
afterEach(() => w?.close());

async function setup(options: RenderCacheOptions = {}) {
  w = createWorld();
  const s = await scenario(w);
  await s.component('API');
  await s.incident({ title: 'Known incident', startedAt: '2026-11-20T11:00:00Z' });
  const cache = createRenderCache(options);
  const app = createApp(w.deps, { renderCache: cache });
  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, text: await res.text(), stale: res.headers.get('afterword-stale') };
  };
  return { cache, app, get, s };
}

describe('render cache bounds', () => {
  it('unknown query parameters share the route entry: the same answer, no new entry', async () => {
    const { cache, get } = await setup();
    const plain = await get('/');
    expect(cache.size()).toBe(1);
    const bytes = cache.bytes();
    for (const q of ['?utm_source=x1', '?utm_source=x2&fbclid=y', `?junk=${'x'.repeat(8 * 1024)}`, '?month=2026-10']) {
      const res = await get(`/${q}`);
      expect(res.status).toBe(200);
      expect(res.text).toBe(plain.text);
    }
    expect(cache.size()).toBe(1);
    expect(cache.bytes()).toBe(bytes);
    // /history reads month, and only month.
    const oct = await get('/history?month=2026-10');
    expect((await get('/history?utm_source=z&month=2026-10')).text).toBe(oct.text);
    expect(cache.size()).toBe(2);
  });

  it('does not store a 404 per unknown incident id', async () => {
    const { cache, get } = await setup();
    await get('/');
    for (let i = 0; i < 20; i++) expect((await get(`/incidents/nope-${i}`)).status).toBe(404);
    expect(cache.size()).toBe(1);
  });

  it('evicts the least recently used entry first, by entries and by bytes', async () => {
    const { cache, get } = await setup({ maxEntries: 3 });
    await get('/history?month=2026-01');
    await get('/history?month=2026-02');
    await get('/history?month=2026-03');
    await get('/history?month=2026-01'); // used again: now the most recent
    await get('/history?month=2026-04'); // evicts 2026-02, the least recently used
    expect(cache.size()).toBe(3);
    const before = cache.bytes();
    await get('/history?month=2026-01'); // still stored: no growth
    expect(cache.bytes()).toBe(before);

    const { cache: small, get: getSmall } = await setup({ maxBytes: 40_000 });
    for (let m = 1; m <= 12; m++) await getSmall(`/history?month=2026-${String(m).padStart(2, '0')}`);
    expect(small.bytes()).toBeLessThanOrEqual(40_000);
    expect(small.size()).toBeGreaterThan(0);
    expect(small.size()).toBeLessThan(12);
  });

  it('50,000 junk query strings leave size, bytes and the stale fallback as they were', async () => {
    const { cache, get, s } = await setup({ maxEntries: 5 });
    const page = await get('/');
    await get('/api/v2/summary.json');
    const history = await get('/history');
    await get('/badge.svg');
    // Crawl real months too: they fill the LRU (5 entries) and push /, /history and the JSON out of it.
    for (let m = 1; m <= 12; m++) await get(`/history?month=2025-${String(m).padStart(2, '0')}`);
    expect(cache.size()).toBe(5);
    const bytes = cache.bytes();
    const paths = ['/', '/history', '/api/v2/summary.json', '/badge.svg'];
    // 50,000 junk targets: 49,000 as the Node edge meets them (RenderCache.peek, the path a crowd takes
    // on Node), 1,000 through the app (routing, render on a miss). Every one is answered from the
    // pinned renders; no junk URL adds an entry.
    const header = () => undefined;
    for (let i = 0; i < 50_000; i++) {
      const target = `${paths[i % paths.length]}?utm_source=x${i}&cb=${i}`;
      if (i % 50 === 0) {
        const res = await get(target);
        if (res.status !== 200) throw new Error(`request ${i}: ${res.status}`);
      } else if (cache.peek(w.deps, target, header) === null) {
        throw new Error(`${target}: not answered from the cache`);
      }
    }
    expect(cache.size()).toBe(5);
    expect(cache.bytes()).toBe(bytes);

    // A write, then the database fails: every route still shows its last good render, with the notice.
    await s.component('Added later');
    const fresh = await get('/?utm_source=after');
    expect(fresh.text).toContain('Added later');
    for (let m = 1; m <= 12; m++) await get(`/history?month=2024-${String(m).padStart(2, '0')}`); // / leaves the LRU
    w.handle.close();
    const stale = await get('/?utm_source=during-outage');
    expect(stale.status).toBe(200);
    expect(stale.stale).toBeTruthy();
    expect(stale.text).toContain('Added later');
    expect(stale.text).toContain('This page may be out of date.');
    const staleHistory = await get('/history');
    expect(staleHistory.status).toBe(200);
    expect(staleHistory.stale).toBeTruthy();
    expect(page.text).toContain('Known incident');
    expect(history.status).toBe(200);
  }, 120_000);
});
