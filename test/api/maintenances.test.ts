// Scheduled maintenance windows through the publish API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';

let world: World;
let token: string;
beforeEach(async () => {
  world = createWorld();
  token = await world.token('incidents:write');
});
afterEach(() => world.close());

const window = {
  title: 'Database upgrade',
  scheduledFor: '2026-12-01T01:00:00Z',
  scheduledUntil: '2026-12-01T03:00:00+00:00',
};

describe('maintenances', () => {
  it('plans, amends, lists and cancels a window', async () => {
    const db = (await world.call('POST', '/api/v1/components', { token, body: { name: 'Database' } })).json;
    const created = await world.call('POST', '/api/v1/maintenances', {
      token,
      body: { ...window, body: 'Expect a few seconds of read-only mode.', components: [db.id] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      title: 'Database upgrade',
      status: 'scheduled',
      scheduledFor: '2026-12-01T01:00:00.000Z',
      scheduledUntil: '2026-12-01T03:00:00.000Z',
      components: [db.id],
    });
    const id = created.json.id;
    const patched = await world.call('PATCH', `/api/v1/maintenances/${id}`, {
      token,
      body: { scheduledUntil: '2026-12-01T04:00:00Z', status: 'in_progress', components: [] },
    });
    expect(patched.json).toMatchObject({
      scheduledUntil: '2026-12-01T04:00:00.000Z',
      status: 'in_progress',
      components: [],
    });
    expect((await world.call('GET', '/api/v1/maintenances', { token })).json.maintenances).toHaveLength(1);
    expect((await world.call('DELETE', `/api/v1/maintenances/${id}`, { token })).status).toBe(204);
    expect((await world.call('GET', `/api/v1/maintenances/${id}`, { token })).status).toBe(404);
  });

  it('refuses a window that ends before it starts, on create and on amend', async () => {
    const bad = await world.call('POST', '/api/v1/maintenances', {
      token,
      body: { ...window, scheduledUntil: '2026-12-01T00:00:00Z' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe('scheduledUntil');

    const ok = (await world.call('POST', '/api/v1/maintenances', { token, body: window })).json;
    const amend = await world.call('PATCH', `/api/v1/maintenances/${ok.id}`, {
      token,
      body: { scheduledFor: '2026-12-02T00:00:00Z' },
    });
    expect(amend.status).toBe(422);
    expect((await world.call('GET', `/api/v1/maintenances/${ok.id}`, { token })).json.scheduledFor).toBe(
      '2026-12-01T01:00:00.000Z',
    );
  });

  it('refuses unknown components and local times', async () => {
    const res = await world.call('POST', '/api/v1/maintenances', {
      token,
      body: { ...window, scheduledFor: '2026-12-01T01:00:00', components: ['cmp_nope'] },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('scheduledFor');
    const res2 = await world.call('POST', '/api/v1/maintenances', {
      token,
      body: { ...window, components: ['cmp_nope'] },
    });
    expect(res2.json.errors[0].path).toBe('components.0');
  });
});
