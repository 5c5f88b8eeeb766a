// D1 binds at most 100 parameters per statement: lists of more than 100 incidents (API pages, the
// history month, feeds) must still answer on Workers.
import { expect, it } from 'vitest';
import { createComponent } from '../../src/services/components';
import { createIncident } from '../../src/services/incidents';
import { adminToken, api, browse, d1Deps } from './d1';

it('serves 120 incidents with their components through the API, history, v2 JSON and feeds', async () => {
  const deps = d1Deps();
  const actor = { tokenId: null, label: 'workerd-test' };
  const component = await createComponent({ deps, input: { name: 'API' }, actor });
  const monthStart = Date.parse('2026-10-01T00:00:00Z');
  for (let i = 0; i < 120; i++) {
    await createIncident({
      deps,
      input: {
        title: `Incident ${i}`,
        severity: 'SEV-2',
        startedAt: monthStart + i * 3_600_000,
        resolvedAt: monthStart + i * 3_600_000 + 600_000,
        lead: { name: 'Dana' },
        components: [{ id: component.id, status: 'partial_outage' }],
      },
      actor,
    });
  }
  const token = await adminToken();
  const page = await api(token, 'GET', '/incidents?limit=100');
  expect(page.status).toBe(200);
  const body = (await page.json()) as { incidents: { components: unknown[] }[] };
  expect(body.incidents).toHaveLength(100);
  expect(body.incidents.every((i) => i.components.length === 1)).toBe(true);

  const history = await browse('/history?month=2026-10');
  expect(history.status).toBe(200);
  expect(await history.text()).toContain('Incident 119');

  for (const path of ['/api/v2/incidents.json', '/history.atom']) {
    const res = await browse(path);
    expect(res.status, path).toBe(200);
  }
});

it('takes an incident and a maintenance window that touch 60 components', async () => {
  const token = await adminToken();
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    const res = await api(token, 'POST', '/components', { name: `Region ${i}` });
    ids.push(((await res.json()) as { id: string }).id);
  }
  const incident = await api(token, 'POST', '/incidents', {
    title: 'Wide outage',
    severity: 'SEV-1',
    startedAt: '2026-11-01T10:00:00Z',
    lead: { name: 'Dana' },
    components: ids.map((id) => ({ id, status: 'major_outage' })),
  });
  expect(incident.status).toBe(201);
  expect(((await incident.json()) as { components: unknown[] }).components).toHaveLength(60);
  const window = await api(token, 'POST', '/maintenances', {
    title: 'Network upgrade',
    // Upcoming whenever the test runs (a fixed date turned this test red once the window had passed).
    scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
    scheduledUntil: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    components: ids,
  });
  expect(window.status).toBe(201);
  expect(((await window.json()) as { components: unknown[] }).components).toHaveLength(60);

  // The public reads (prepared statements with bound placeholders on D1) see both, with every component.
  const v2 = await browse('/api/v2/scheduled-maintenances.json');
  const body = (await v2.json()) as { scheduled_maintenances: { name: string; components: unknown[] }[] };
  expect(body.scheduled_maintenances.map((m) => [m.name, m.components.length])).toEqual([['Network upgrade', 60]]);
  const unresolved = await browse('/api/v2/incidents/unresolved.json');
  const open = (await unresolved.json()) as { incidents: { name: string; components: unknown[] }[] };
  expect(open.incidents.map((i) => [i.name, i.components.length])).toEqual([['Wide outage', 60]]);
  const page = await (await browse('/')).text();
  expect(page).toContain('Network upgrade');
  expect(page).toContain('Wide outage');
});
