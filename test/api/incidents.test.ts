// Incidents and their updates through the publish API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';

let world: World;
let token: string;
beforeEach(async () => {
  world = createWorld();
  token = await world.token('incidents:write');
});
afterEach(() => world.close());

const base = {
  title: 'Elevated API errors',
  severity: 'SEV-1',
  startedAt: '2026-11-20T10:00:00Z',
  lead: { name: 'Dana Reyes', email: 'dana@example.com', webhookUrl: 'https://hooks.example.com/a' },
};

async function component(name: string) {
  return (await world.call('POST', '/api/v1/components', { token, body: { name } })).json as { id: string };
}
async function createIncident(body: Record<string, unknown> = {}) {
  const res = await world.call('POST', '/api/v1/incidents', { token, body: { ...base, ...body } });
  expect(res.status).toBe(201);
  return res.json;
}
async function componentStatus(id: string) {
  return (await world.call('GET', `/api/v1/components/${id}`, { token })).json.status;
}

describe('incidents', () => {
  it('creates an incident with its lead, components and a first update', async () => {
    const api = await component('API');
    const res = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { ...base, components: [{ id: api.id, status: 'partial_outage' }], message: 'Looking into it.' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('Location')).toBe(`/api/v1/incidents/${res.json.id}`);
    expect(res.json).toMatchObject({
      title: 'Elevated API errors',
      severity: 'SEV-1',
      status: 'investigating',
      startedAt: '2026-11-20T10:00:00.000Z',
      resolvedAt: null,
      lead: {
        name: 'Dana Reyes',
        email: 'dana@example.com',
        webhookUrl: 'https://hooks.example.com/a',
        webhookKind: 'generic',
      },
      components: [{ id: api.id, status: 'partial_outage' }],
      publiclyVisible: true,
    });
    expect(await componentStatus(api.id)).toBe('partial_outage');

    const detail = await world.call('GET', `/api/v1/incidents/${res.json.id}`, { token });
    expect(detail.json.updates).toEqual([
      expect.objectContaining({
        status: 'investigating',
        body: 'Looking into it.',
        createdAt: '2026-11-20T12:00:00.000Z',
      }),
    ]);
  });

  it('posts updates newest last, and resolving restores the component', async () => {
    const api = await component('API');
    const inc = await createIncident({ components: [{ id: api.id, status: 'major_outage' }] });
    world.clock.advance(60_000);
    const upd = await world.call('POST', `/api/v1/incidents/${inc.id}/updates`, {
      token,
      body: { status: 'identified', body: 'A bad deploy; rolling back.' },
    });
    expect(upd.status).toBe(201);
    expect(upd.json).toMatchObject({ status: 'identified', body: 'A bad deploy; rolling back.', incidentId: inc.id });
    expect(upd.json.incident.status).toBe('identified');

    world.clock.advance(60_000);
    const resolved = await world.call('POST', `/api/v1/incidents/${inc.id}/resolve`, { token, body: {} });
    expect(resolved.status).toBe(200);
    expect(resolved.json.status).toBe('resolved');
    expect(resolved.json.resolvedAt).toBe('2026-11-20T12:02:00.000Z');
    expect(await componentStatus(api.id)).toBe('operational');

    const updates = (await world.call('GET', `/api/v1/incidents/${inc.id}/updates`, { token })).json.updates;
    expect(updates.map((u: { status: string }) => u.status)).toEqual(['investigating', 'identified', 'resolved']);
  });

  it('keeps a component degraded while another open incident still affects it', async () => {
    const api = await component('API');
    const a = await createIncident({ components: [{ id: api.id, status: 'major_outage' }] });
    await createIncident({ title: 'Slow', components: [{ id: api.id, status: 'degraded_performance' }] });
    expect(await componentStatus(api.id)).toBe('major_outage');
    await world.call('POST', `/api/v1/incidents/${a.id}/resolve`, { token, body: {} });
    expect(await componentStatus(api.id)).toBe('degraded_performance');
  });

  it('PATCH takes any subset of the create fields', async () => {
    const inc = await createIncident();
    const res = await world.call('PATCH', `/api/v1/incidents/${inc.id}`, {
      token,
      body: { severity: 'SEV-2', lead: { email: 'ops@example.com' }, acknowledgedAt: '2026-11-20T10:05:00Z' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      severity: 'SEV-2',
      title: base.title,
      acknowledgedAt: '2026-11-20T10:05:00.000Z',
      lead: { name: 'Dana Reyes', email: 'ops@example.com' },
    });
    const again = await world.call('GET', `/api/v1/incidents/${inc.id}`, { token });
    expect(again.json.severity).toBe('SEV-2');
  });

  it('SEV-3 incidents are private by default unless marked public', async () => {
    expect((await createIncident({ severity: 'SEV-3' })).publiclyVisible).toBe(false);
    expect((await createIncident({ severity: 'SEV-3', public: true })).publiclyVisible).toBe(true);
  });

  it('refuses a timeline that runs backwards and writes nothing', async () => {
    const res = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { ...base, detectedAt: '2026-11-20T09:00:00Z', resolvedAt: '2026-11-20T08:00:00Z' },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['detectedAt', 'resolvedAt']);
    expect((await world.call('GET', '/api/v1/incidents', { token })).json.incidents).toEqual([]);
  });

  it('refuses unknown components on an incident', async () => {
    const res = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { ...base, components: [{ id: 'cmp_missing', status: 'major_outage' }] },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('components.0.id');
  });

  it('refuses an update with an unknown status or empty body', async () => {
    const inc = await createIncident();
    const res = await world.call('POST', `/api/v1/incidents/${inc.id}/updates`, {
      token,
      body: { status: 'panicking', body: '' },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body', 'status']);
    const updates = (await world.call('GET', `/api/v1/incidents/${inc.id}/updates`, { token })).json.updates;
    expect(updates).toHaveLength(1);
  });

  it('answers 404 for updates, resolve and patch of an unknown incident', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/v1/incidents/inc_nope', undefined],
      ['PATCH', '/api/v1/incidents/inc_nope', { title: 'x' }],
      ['POST', '/api/v1/incidents/inc_nope/resolve', {}],
      ['GET', '/api/v1/incidents/inc_nope/updates', undefined],
      ['POST', '/api/v1/incidents/inc_nope/updates', { status: 'identified', body: 'x' }],
    ] as const) {
      const res = await world.call(method, path, { token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.code).toBe('not_found');
    }
  });
});

describe('listing incidents', () => {
  it('filters by status and severity and pages with a cursor, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const inc = await createIncident({
        title: `Incident ${i}`,
        startedAt: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 86_400_000).toISOString(),
        severity: i % 2 === 0 ? 'SEV-1' : 'SEV-2',
      });
      ids.push(inc.id);
    }
    await world.call('POST', `/api/v1/incidents/${ids[4]}/resolve`, { token, body: {} });

    const page1 = await world.call('GET', '/api/v1/incidents?limit=2', { token });
    expect(page1.json.incidents.map((i: { title: string }) => i.title)).toEqual(['Incident 4', 'Incident 3']);
    const page2 = await world.call('GET', `/api/v1/incidents?limit=2&cursor=${page1.json.nextCursor}`, { token });
    expect(page2.json.incidents.map((i: { title: string }) => i.title)).toEqual(['Incident 2', 'Incident 1']);
    const page3 = await world.call('GET', `/api/v1/incidents?limit=2&cursor=${page2.json.nextCursor}`, { token });
    expect(page3.json.incidents.map((i: { title: string }) => i.title)).toEqual(['Incident 0']);
    expect(page3.json.nextCursor).toBeNull();

    const open = await world.call('GET', '/api/v1/incidents?status=open', { token });
    expect(open.json.incidents).toHaveLength(4);
    const sev1 = await world.call('GET', '/api/v1/incidents?severity=SEV-1&status=resolved', { token });
    expect(sev1.json.incidents.map((i: { title: string }) => i.title)).toEqual(['Incident 4']);
    const range = await world.call(
      'GET',
      '/api/v1/incidents?startedFrom=2026-11-02T00:00:00Z&startedTo=2026-11-03T00:00:00Z',
      { token },
    );
    expect(range.json.incidents.map((i: { title: string }) => i.title)).toEqual(['Incident 2', 'Incident 1']);
  });

  it('rejects bad filters with field errors', async () => {
    const res = await world.call('GET', '/api/v1/incidents?status=sleeping&limit=1000&cursor=%%%', { token });
    expect(res.status).toBe(422);
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['query.status.0', 'query.limit']));
  });
});
