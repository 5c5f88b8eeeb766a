// How incident edits move the clock: backdated incidents, severity changes and startedAt changes.
import { afterEach, describe, expect, it } from 'vitest';
import { tickSla } from '../../src/services/sla-tick';
import { createWorld, fixedClock, T0 } from '../helpers/world';
import { HOUR, startReceiver } from './helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const clock = fixedClock(T0);
  const r = await startReceiver({ now: clock });
  const w = createWorld({ clock });
  cleanups.push(r.close, w.close);
  const admin = await w.token('admin');
  async function create(severity: string, startedAt: number): Promise<string> {
    const res = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: 'Search slow',
        severity,
        startedAt: new Date(startedAt).toISOString(),
        lead: { name: 'Ana', webhookUrl: r.url },
      },
    });
    expect(res.status).toBe(201);
    return res.json.id;
  }
  async function patch(id: string, body: unknown) {
    const res = await w.call('PATCH', `/api/v1/incidents/${id}`, { token: admin, body });
    expect(res.status).toBe(200);
  }
  async function sla(id: string) {
    return (await w.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin })).json;
  }
  async function tickAt(at: number) {
    clock.set(at);
    return tickSla({ deps: w.deps, now: at });
  }
  return { w, r, admin, clock, create, patch, sla, tickAt };
}

describe('backdated incidents', () => {
  it.each([
    ['30 h ago: T-24h', 30, 'T-24h', 'sla.checkpoint'],
    ['47.5 h ago: only T-1h', 47.5, 'T-1h', 'sla.checkpoint'],
    ['60 h ago: only the breach', 60, 'deadline', 'sla.breached'],
    ['5 days ago: only the latest overdue', 120, 'overdue-3', 'sla.overdue'],
  ])('started %s', async (_label, hoursAgo, checkpoint, type) => {
    const { r, create, tickAt } = await setUp();
    const now = T0 + 200 * HOUR;
    await create('SEV-1', now - hoursAgo * HOUR);
    await tickAt(now);
    await tickAt(now + 60_000);
    expect(r.received.map((x) => [x.json.checkpoint, x.json.type])).toEqual([[checkpoint, type]]);
  });
});

describe('severity and start changes', () => {
  it('SEV-2 -> SEV-1 starts the clock (with the checkpoint already due); SEV-1 -> SEV-2 stops it', async () => {
    const { r, create, patch, sla, tickAt } = await setUp();
    const id = await create('SEV-2', T0);
    await tickAt(T0 + 30 * HOUR);
    expect(r.received).toHaveLength(0);
    expect(await sla(id)).toMatchObject({ required: false, state: 'not_required', deadline: null, secondsLeft: null });

    await patch(id, { severity: 'SEV-1' });
    expect(await sla(id)).toMatchObject({ required: true, state: 'pending', secondsLeft: 18 * 3600 });
    await tickAt(T0 + 30 * HOUR);
    expect(r.received.map((x) => x.json.checkpoint)).toEqual(['T-24h']);

    await patch(id, { severity: 'SEV-2' });
    expect((await sla(id)).state).toBe('not_required');
    await tickAt(T0 + 47 * HOUR);
    await tickAt(T0 + 49 * HOUR);
    expect(r.received.map((x) => x.json.checkpoint)).toEqual(['T-24h']);
  });

  it('lowering the severity cancels a reminder still waiting for delivery', async () => {
    const { create, patch, sla, tickAt, clock } = await setUp();
    const down = await startReceiver({ answer: () => 503, now: clock });
    cleanups.push(down.close);
    const id = await create('SEV-1', T0);
    await patch(id, { lead: { webhookUrl: down.url } });
    await tickAt(T0 + 24 * HOUR);
    expect((await sla(id)).alertsPending).toBe(1);
    await patch(id, { severity: 'SEV-3' });
    const report = await tickAt(T0 + 25 * HOUR);
    expect(report.settled).toEqual([id]);
    expect(report.deliveries).toEqual([]);
    expect((await sla(id)).alerts.map((a: any) => a.status)).toEqual(['cancelled']);
  });

  it('moving startedAt moves the deadline and the state at once', async () => {
    const { create, patch, sla, clock } = await setUp();
    const id = await create('SEV-1', T0);
    clock.set(T0 + 40 * HOUR);
    expect(await sla(id)).toMatchObject({ state: 'pending', deadline: '2026-11-22T12:00:00.000Z' });
    await patch(id, { startedAt: new Date(T0 - 10 * HOUR).toISOString() });
    expect(await sla(id)).toMatchObject({
      state: 'breached',
      deadline: '2026-11-22T02:00:00.000Z',
      secondsLeft: -2 * 3600,
    });
  });
});
