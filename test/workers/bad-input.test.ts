// Odd requests to the Worker's public routes: unknown parameters, 8 KiB query strings and every kind
// of Accept-Encoding get a correct, decodable answer (decoded once, as a browser would), never a 5xx.
import { expect, it } from 'vitest';
import { createComponent } from '../../src/services/components';
import { createIncident } from '../../src/services/incidents';
import { browse, d1Deps } from './d1';

const actor = { tokenId: null, label: 'workerd-test' };
const PATHS = ['/', '/history', '/history.atom', '/history.rss', '/badge.svg', '/api/v2/summary.json'];

it('answers every Accept-Encoding, unknown parameter and 8 KiB query string with a decodable page', async () => {
  const deps = d1Deps();
  const api = await createComponent({ deps, input: { name: 'Edge API' }, actor });
  const incident = await createIncident({
    deps,
    input: {
      title: 'Odd requests',
      severity: 'SEV-2',
      startedAt: Date.now() - 600_000,
      lead: { name: 'Dana' },
      components: [{ id: api.id, status: 'partial_outage' }],
    },
    actor,
  });
  const big = 'x'.repeat(8 * 1024);
  for (const path of [...PATHS, `/incidents/${incident.id}`]) {
    const plain = await (await browse(path, { 'Accept-Encoding': 'identity' })).text();
    expect(plain.length).toBeGreaterThan(100);
    for (const encoding of ['gzip, deflate, br', 'gzip;q=0', 'identity', '*', 'br', '']) {
      const res = await browse(path, { 'Accept-Encoding': encoding });
      expect(res.status, `${path} ${encoding}`).toBe(200);
      expect(await res.text(), `${path} ${encoding}`).toBe(plain);
    }
    for (const q of [`?utm_source=${big}`, `?${big}`, '?a=1&a=2&%ZZ=%00']) {
      const res = await browse(`${path}${q}`);
      expect(res.status, `${path}${q.slice(0, 30)}`).toBe(200);
      expect(await res.text()).toBe(plain);
    }
  }
  const month = await browse(`/history?month=${'9'.repeat(8 * 1024)}`);
  expect(month.status).toBeGreaterThanOrEqual(400);
  expect(month.status).toBeLessThan(500);
  expect((await browse(`/incidents/${'z'.repeat(8 * 1024)}`)).status).toBe(404);
});
