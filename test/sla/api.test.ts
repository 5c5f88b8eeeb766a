// The SLA API: listing clocks, reading one, settings validation, and who may do what.
import { describe, expect, it } from 'vitest';
import { createWorld, T0 } from '../helpers/world';
import { HOUR } from './helpers';

async function setUp() {
  const world = createWorld();
  const admin = await world.token('admin');
  const reader = await world.token('summaries:publish');
  async function incident(title: string, severity: string, startedAt: number) {
    const res = await world.call('POST', '/api/v1/incidents', {
      token: admin,
      body: { title, severity, startedAt: new Date(startedAt).toISOString(), lead: { name: 'Lee' } },
    });
    return res.json.id as string;
  }
  return { world, admin, reader, incident };
}

describe('GET /api/v1/sla', () => {
  it('lists every incident that owes a summary, running clocks first, soonest deadline first', async () => {
    const { world, reader, incident } = await setUp();
    const late = await incident('Old outage', 'SEV-1', T0 - 60 * HOUR);
    const soon = await incident('Recent outage', 'SEV-1', T0 - 47.5 * HOUR);
    const fresh = await incident('New outage', 'SEV-1', T0 - HOUR);
    await incident('Minor blip', 'SEV-2', T0 - HOUR);
    const res = await world.call('GET', '/api/v1/sla', { token: reader });
    expect(res.status).toBe(200);
    expect(res.json.clocks.map((c: any) => [c.incidentId, c.state, c.secondsLeft])).toEqual([
      [late, 'breached', -12 * 3600],
      [soon, 'due_soon', 1800],
      [fresh, 'pending', 47 * 3600],
    ]);
    expect(res.json.clocks[0]).toMatchObject({
      incidentTitle: 'Old outage',
      severity: 'SEV-1',
      required: true,
      startedAt: new Date(T0 - 60 * HOUR).toISOString(),
      deadline: new Date(T0 - 12 * HOUR).toISOString(),
      publishedAt: null,
      alertsSent: 0,
      alertsPending: 0,
      alertsDead: 0,
      alerts: [],
    });
    const filtered = await world.call('GET', '/api/v1/sla?state=breached,due_soon&limit=1', { token: reader });
    expect(filtered.json.clocks.map((c: any) => c.incidentId)).toEqual([late]);
  });

  it('rejects unknown states and bad limits with problem+json', async () => {
    const { world, reader } = await setUp();
    for (const q of ['state=late', 'limit=0', 'limit=abc', 'bogus=1']) {
      const res = await world.call('GET', `/api/v1/sla?${q}`, { token: reader });
      expect(res.status, q).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('needs a token', async () => {
    const { world } = await setUp();
    expect((await world.call('GET', '/api/v1/sla')).status).toBe(401);
    expect((await world.call('GET', '/api/v1/incidents/inc_x/sla')).status).toBe(401);
  });
});

describe('GET /api/v1/incidents/:id/sla', () => {
  it('answers not_required for a severity that owes nothing, and 404 for an unknown incident', async () => {
    const { world, reader, incident } = await setUp();
    const id = await incident('Minor blip', 'SEV-3', T0 - HOUR);
    const res = await world.call('GET', `/api/v1/incidents/${id}/sla`, { token: reader });
    expect(res.json).toMatchObject({ required: false, state: 'not_required', deadline: null, secondsLeft: null });
    const missing = await world.call('GET', '/api/v1/incidents/inc_nope/sla', { token: reader });
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('not_found');
  });
});

describe('/api/v1/sla/settings', () => {
  it('changes the policy for every clock at once', async () => {
    const { world, admin, incident } = await setUp();
    const id = await incident('Partial outage', 'SEV-2', T0 - HOUR);
    const put = await world.call('PUT', '/api/v1/sla/settings', {
      token: admin,
      body: { hours: 24, severities: ['SEV-1', 'SEV-2'], checkpointHours: [2] },
    });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({
      hours: 24,
      severities: ['SEV-1', 'SEV-2'],
      checkpointHours: [2],
      overdueEveryHours: 24,
      maxAttempts: 8,
      fallback: null,
      // The second clock's settings, all defaults here (issue 14).
      postmortem: {
        businessDays: 5,
        weekend: [0, 6],
        holidays: [],
        checkpointHours: [48, 4],
        overdueEveryHours: 24,
        severities: ['SEV-1', 'SEV-2'],
        resolvedWaitsForPostmortem: false,
      },
    });
    const sla = await world.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin });
    expect(sla.json).toMatchObject({ required: true, state: 'pending', secondsLeft: 23 * 3600 });
    expect((await world.call('GET', '/api/v1/sla/settings', { token: admin })).json.hours).toBe(24);
  });

  it.each([
    [{ hours: 0 }, 'hours'],
    [{ severities: ['SEV-9'] }, 'severities.0'],
    [{ checkpointHours: [6, 6] }, 'checkpointHours'],
    [{ maxAttempts: 0 }, 'maxAttempts'],
    [{ fallback: { channel: 'webhook', target: 'ftp://x' } }, 'fallback.target'],
    [{ fallback: { channel: 'email', target: 'not-an-address' } }, 'fallback.target'],
    [{ fallback: { channel: 'pager', target: 'x' } }, 'fallback.channel'],
    [{ surprise: true }, '(body)'],
  ])('refuses %j (422 at %s)', async (body, path) => {
    const { world, admin } = await setUp();
    const res = await world.call('PUT', '/api/v1/sla/settings', { token: admin, body });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path)).toContain(path);
  });

  it('is for admins only, reading included', async () => {
    const { world, reader } = await setUp();
    expect((await world.call('GET', '/api/v1/sla/settings', { token: reader })).status).toBe(403);
    expect((await world.call('PUT', '/api/v1/sla/settings', { token: reader, body: {} })).status).toBe(403);
  });
});
