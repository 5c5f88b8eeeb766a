// On Workers the app (and its render cache) lives for the isolate: a write must still show on the
// very next request, because the cache is keyed on the data version stored in D1.
import { env, SELF } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import type { Db } from '../../src/db/db';
import * as schema from '../../src/db/schema';
import { createStore } from '../../src/db/store';
import { createToken } from '../../src/services/tokens';

it('a write through the API shows on the next page request from the same isolate', async () => {
  const deps = {
    store: createStore(drizzle(env.DB, { schema }) as unknown as Db),
    clock: () => Date.now(),
    config: parseConfig({}),
  };
  const { secret } = await createToken({ deps, input: { name: 'w', scopes: ['admin'] }, actor: null });
  const page = () => SELF.fetch('https://status.example.test/').then((r) => r.text());

  const before = await page();
  expect(before).not.toContain('Checkout latency');
  expect(await page()).toBe(before); // nothing changed: the same render

  const res = await SELF.fetch('https://status.example.test/api/v1/incidents', {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      title: 'Checkout latency',
      severity: 'SEV-2',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      lead: { name: 'Dana' },
    }),
  });
  expect(res.status).toBe(201);
  expect(await page()).toContain('Checkout latency');
});
