// On Workers the app (and its render cache) lives for the isolate: a write must still show on the
// very next request, because the cache is keyed on the data version stored in D1.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { createComponent } from '../../src/services/components';
import worker, { type WorkerEnv } from '../../src/worker';
import { adminToken, api, BROWSER_ACCEPT_ENCODING, browse, d1Deps } from './d1';

it('a write through the API shows on the next page request from the same isolate', async () => {
  const secret = await adminToken();
  const page = () => browse('/').then((r) => r.text());

  const before = await page();
  expect(before).not.toContain('Checkout latency');
  expect(await page()).toBe(before); // nothing changed: the same render

  const res = await api(secret, 'POST', '/incidents', {
    title: 'Checkout latency',
    severity: 'SEV-2',
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    lead: { name: 'Dana' },
  });
  expect(res.status).toBe(201);
  expect(await page()).toContain('Checkout latency');
});

it('a stored answer sent before Hono has the status, headers and bytes the app path sends', async () => {
  await createComponent({ deps: d1Deps(), input: { name: 'Fast path' }, actor: { tokenId: null, label: 'test' } });
  // A fresh env object is a fresh isolate state (src/worker.ts builds one app per env): its first
  // request of each kind goes through the app (render, then gzip), the same request again answers
  // from the render cache in the fetch handler.
  const isolate = (): WorkerEnv => ({ ...(env as unknown as WorkerEnv) });
  const call = async (e: WorkerEnv, init: RequestInit & { headers?: Record<string, string> } = {}) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request('https://status.example.test/?utm_source=x', init) as never, e, ctx);
    const body = new Uint8Array(await res.arrayBuffer());
    await waitOnExecutionContext(ctx);
    return { status: res.status, headers: Object.fromEntries(res.headers), body };
  };
  const gzip = { 'Accept-Encoding': BROWSER_ACCEPT_ENCODING };
  const one = isolate();
  const identity = await call(one);
  expect(identity.status).toBe(200);
  expect(await call(one)).toEqual(identity);
  const zipped = await call(one, { headers: gzip });
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(Array.from(zipped.body.slice(0, 2))).toEqual([0x1f, 0x8b]); // sent as stored, compressed once
  expect(await call(one, { headers: gzip })).toEqual(zipped);
  // HEAD: the GET's header fields and no body.
  expect(await call(one, { method: 'HEAD', headers: gzip })).toEqual({ ...zipped, body: new Uint8Array() });
  // Conditional: the first asked of a fresh isolate goes through the app, the second not.
  const conditional = { ...gzip, 'If-None-Match': identity.headers.etag ?? '' };
  const notModified = await call(isolate(), { headers: conditional });
  expect(notModified.status).toBe(304);
  expect(await call(one, { headers: conditional })).toEqual(notModified);
  const since = { 'If-Modified-Since': identity.headers['last-modified'] ?? '' };
  expect((await call(one, { headers: since })).status).toBe(304);
});
