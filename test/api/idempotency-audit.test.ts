// Idempotency-Key on POSTs and the audit trail of every write.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';

let world: World;
let token: string;
beforeEach(async () => {
  world = createWorld();
  token = await world.token('admin');
});
afterEach(() => world.close());

const incident = { title: 'Outage', severity: 'SEV-1', startedAt: '2026-11-20T10:00:00Z', lead: { name: 'Dana' } };

describe('Idempotency-Key', () => {
  it('a retry with the same key returns the first response and creates nothing new', async () => {
    const headers = { 'Idempotency-Key': 'incident-42' };
    const first = await world.call('POST', '/api/v1/incidents', { token, body: incident, headers });
    expect(first.status).toBe(201);
    world.clock.advance(5_000);
    const retry = await world.call('POST', '/api/v1/incidents', { token, body: incident, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.json).toEqual(first.json);
    expect((await world.call('GET', '/api/v1/incidents', { token })).json.incidents).toHaveLength(1);
  });

  it('the same key with a different body is refused', async () => {
    const headers = { 'Idempotency-Key': 'k1' };
    await world.call('POST', '/api/v1/incidents', { token, body: incident, headers });
    const res = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { ...incident, title: 'Other' },
      headers,
    });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('idempotency_key_reused');
    expect((await world.call('GET', '/api/v1/incidents', { token })).json.incidents).toHaveLength(1);
  });

  it('a failed request does not burn its key', async () => {
    const headers = { 'Idempotency-Key': 'k2' };
    const bad = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { ...incident, severity: 'SEV-9' },
      headers,
    });
    expect(bad.status).toBe(422);
    const good = await world.call('POST', '/api/v1/incidents', { token, body: incident, headers });
    expect(good.status).toBe(201);
  });

  it('keys are per token', async () => {
    const other = await world.token('incidents:write');
    const headers = { 'Idempotency-Key': 'shared' };
    await world.call('POST', '/api/v1/components', { token, body: { name: 'A' }, headers });
    const res = await world.call('POST', '/api/v1/components', { token: other, body: { name: 'A' }, headers });
    expect(res.headers.get('Idempotent-Replayed')).toBeNull();
    expect((await world.call('GET', '/api/v1/components', { token })).json.components).toHaveLength(2);
  });

  it('never stores a newly issued token secret for replay', async () => {
    const headers = { 'Idempotency-Key': 'token-1' };
    const res = await world.call('POST', '/api/v1/tokens', { token, body: { name: 'x', scopes: ['admin'] }, headers });
    const rows = world.handle.sqlite.prepare('select body from idempotency_keys').all();
    expect(JSON.stringify(rows)).not.toContain(res.json.token);
  });
});

describe('audit log', () => {
  it('records token, action, target and time for every write, and nothing for refused ones', async () => {
    const comp = (await world.call('POST', '/api/v1/components', { token, body: { name: 'API' } })).json;
    world.clock.advance(1000);
    const inc = (await world.call('POST', '/api/v1/incidents', { token, body: incident })).json;
    world.clock.advance(1000);
    await world.call('POST', `/api/v1/incidents/${inc.id}/resolve`, { token, body: {} });
    await world.call('POST', '/api/v1/incidents', { token, body: { ...incident, severity: 'nope' } });

    const { entries } = (await world.call('GET', '/api/v1/audit', { token })).json;
    const [tokenRow] = (await world.call('GET', '/api/v1/tokens', { token })).json.tokens;
    expect(
      entries.map((e: { action: string; targetId: string; at: string; tokenId: string }) => [
        e.action,
        e.targetId,
        e.at,
        e.tokenId,
      ]),
    ).toEqual([
      ['incident.resolve', inc.id, '2026-11-20T12:00:02.000Z', tokenRow.id],
      ['incident.create', inc.id, '2026-11-20T12:00:01.000Z', tokenRow.id],
      ['component.create', comp.id, '2026-11-20T12:00:00.000Z', tokenRow.id],
    ]);
  });
});
