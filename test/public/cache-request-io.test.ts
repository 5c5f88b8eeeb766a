// Workers (requestIo): a request never waits for good on another request's version read or render.
// The runtime cancels a request whose only pending work is another request's I/O, and that I/O never
// settles once its own request is gone (a visitor who hangs up): every later page view would hang.
// Here the first version read never settles; the next request reads for itself after its patience.
import { afterEach, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app';
import { createRenderCache } from '../../src/http/public/cache';
import type { Deps } from '../../src/services/deps';
import { createWorld, type World } from '../helpers/world';
import { scenario } from './fixtures';

let w: World;
afterEach(() => w?.close());

it('a version read that never settles does not hang the requests after it', async () => {
  w = createWorld();
  await (await scenario(w)).component('API');
  const store = w.deps.store;
  let reads = 0;
  const version = () => {
    reads++;
    // The first read belongs to a request that was cancelled: it never settles.
    return reads === 1 ? new Promise<number>(() => {}) : Promise.resolve(store.public.version());
  };
  const deps: Deps = {
    ...w.deps,
    store: { ...store, public: Object.assign(Object.create(store.public), { version }) },
  };
  const app = createApp(deps, { renderCache: createRenderCache({ versionTtlSeconds: 2, requestIo: true }) });

  void app.request('/'); // its read never settles
  const res = await app.request('/');
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('API');
  expect(reads).toBe(2);
  // The second read is the one the isolate keeps: the next view reads nothing.
  expect((await app.request('/')).status).toBe(200);
  expect(reads).toBe(2);
});
