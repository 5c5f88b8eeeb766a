// On Workers the app (and its render cache) lives for the isolate: a write must still show on the
// very next request, because the cache is keyed on the data version stored in D1.
import { expect, it } from 'vitest';
import { adminToken, api, browse } from './d1';

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
