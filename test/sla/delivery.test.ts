// Delivery from the outbox: retries with backoff, dead letters and admin retry, concurrent ticks,
// Slack bodies, the fallback channel, and what is refused when a channel is not configured.
import { afterEach, describe, expect, it } from 'vitest';
import { tickSla } from '../../src/services/sla-tick';
import { createWorld, fixedClock, T0, type TestClock } from '../helpers/world';
import { HOUR, startReceiver } from './helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const T_24 = T0 + 24 * HOUR; // the first checkpoint of an incident started at T0

async function world(
  opts: { clock?: TestClock; alerts?: NonNullable<Parameters<typeof createWorld>[0]>['alerts'] } = {},
) {
  const clock = opts.clock ?? fixedClock(T0);
  const w = createWorld({ clock, alerts: opts.alerts });
  cleanups.push(w.close);
  const admin = await w.token('admin');
  async function incident(lead: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: { title: 'Payments degraded', severity: 'SEV-1', startedAt: new Date(T0).toISOString(), lead, ...extra },
    });
    expect(res.status).toBe(201);
    return res.json.id;
  }
  async function tickAt(at: number) {
    clock.set(at);
    return tickSla({ deps: w.deps, now: at });
  }
  return { w, clock, admin, incident, tickAt };
}

async function receiver(answer?: (n: number) => number | 'hang', clock?: () => number) {
  const r = await startReceiver({ answer, now: clock });
  cleanups.push(r.close);
  return r;
}

describe('retries', () => {
  it('a receiver that fails twice gets the same alert a third time, after 30 s and 60 s of backoff', async () => {
    const { incident, tickAt, clock } = await world();
    const r = await receiver((n) => (n <= 2 ? 500 : 204), clock);
    await incident({ name: 'Lee', webhookUrl: r.url });

    expect((await tickAt(T_24)).deliveries).toMatchObject([
      { outcome: 'retry', attempt: 1, nextAttemptAt: T_24 + 30_000 },
    ]);
    expect((await tickAt(T_24 + 29_000)).deliveries).toEqual([]); // not due yet
    expect((await tickAt(T_24 + 30_000)).deliveries).toMatchObject([
      { outcome: 'retry', attempt: 2, nextAttemptAt: T_24 + 90_000 },
    ]);
    expect((await tickAt(T_24 + 89_000)).deliveries).toEqual([]);
    expect((await tickAt(T_24 + 90_000)).deliveries).toMatchObject([{ outcome: 'delivered', attempt: 3 }]);
    expect((await tickAt(T_24 + HOUR)).deliveries).toEqual([]);

    expect(r.received.map((x) => x.answered)).toEqual([500, 500, 204]);
    expect(new Set(r.received.map((x) => x.json.alertId)).size).toBe(1);
    expect(r.received.every((x) => x.signatureValid)).toBe(true);
  });

  it('a receiver that always fails dead-letters the alert; an admin re-queues it with the same id', async () => {
    const { w, admin, incident, tickAt, clock } = await world();
    let up = false;
    const r = await receiver(() => (up ? 200 : 500), clock);
    const id = await incident({ name: 'Lee', webhookUrl: r.url });
    const put = await w.call('PUT', '/api/v1/sla/settings', { token: admin, body: { maxAttempts: 3 } });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ maxAttempts: 3, hours: 48, severities: ['SEV-1'], checkpointHours: [24, 6, 1] });

    await tickAt(T_24);
    await tickAt(T_24 + 30_000);
    const last = await tickAt(T_24 + 90_000);
    expect(last.deliveries).toMatchObject([{ outcome: 'dead', attempt: 3 }]);
    expect(await tickAt(T_24 + 5 * HOUR)).toMatchObject({ deliveries: [] }); // dead stays dead

    const sla = await w.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin });
    const [alert] = sla.json.alerts;
    expect(alert).toMatchObject({ status: 'dead', attempts: 3, checkpoint: 'T-24h', channel: 'webhook' });
    expect(alert.lastError).toMatch(/^HTTP 500 from http:\/\/127\.0\.0\.1:\d+$/);
    // Webhook paths and queries can be credentials: never shown, never stored in errors.
    expect(JSON.stringify(sla.json)).not.toContain('path-secret');
    expect(sla.json.alertsDead).toBe(1);

    const writer = await w.token('incidents:write');
    const forbidden = await w.call('POST', `/api/v1/sla/alerts/${alert.alertId}/retry`, { token: writer });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toContain('application/problem+json');

    up = true;
    const retried = await w.call('POST', `/api/v1/sla/alerts/${alert.alertId}/retry`, { token: admin });
    expect(retried.status).toBe(202);
    expect(retried.json).toMatchObject({ alertId: alert.alertId, status: 'pending', attempts: 0 });
    expect((await tickAt(T_24 + 5 * HOUR)).deliveries).toMatchObject([
      { alertId: alert.alertId, outcome: 'delivered' },
    ]);
    expect(r.received.map((x) => x.json.alertId)).toEqual(Array(4).fill(alert.alertId));

    const again = await w.call('POST', `/api/v1/sla/alerts/${alert.alertId}/retry`, { token: admin });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'conflict', alertStatus: 'delivered', status: 409 });
    const missing = await w.call('POST', '/api/v1/sla/alerts/alr_nope/retry', { token: admin });
    expect(missing.status).toBe(404);
    const audit = await w.call('GET', '/api/v1/audit', { token: admin });
    const actions = audit.json.entries.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['sla.alert.dead', 'sla.alert.retry', 'settings.sla.update']));
  });

  it('two ticks at the same instant send each alert once', async () => {
    const { incident, w, clock } = await world();
    const r = await receiver(undefined, clock);
    await incident({ name: 'Lee', webhookUrl: r.url });
    await incident({ name: 'Kim', webhookUrl: r.url });
    clock.set(T_24);
    const reports = await Promise.all([tickSla({ deps: w.deps, now: T_24 }), tickSla({ deps: w.deps, now: T_24 })]);
    expect(reports.flatMap((x) => x.deliveries).filter((d) => d.outcome === 'delivered')).toHaveLength(2);
    expect(r.received).toHaveLength(2);
    expect(new Set(r.received.map((x) => x.json.incidentId)).size).toBe(2);
  });
});

describe('channels', () => {
  it('a Slack webhook gets { text, blocks } with the alert id in it, signed like any webhook', async () => {
    const { incident, tickAt, clock } = await world();
    const r = await receiver(undefined, clock);
    await incident({ name: 'Lee', webhookUrl: r.url, webhookKind: 'slack' });
    await tickAt(T_24);
    const [hook] = r.received;
    expect(Object.keys(hook!.json).sort()).toEqual(['blocks', 'text']);
    expect(hook!.json.text).toContain('Payments degraded');
    expect(hook!.json.text).toContain(hook!.headers['afterword-alert-id']);
    expect(hook!.json.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect(hook!.signatureValid).toBe(true);
  });

  it('a lead with no contact is visible as a dead letter, and a retry goes to the fallback set since', async () => {
    const { w, admin, incident, tickAt, clock } = await world();
    const id = await incident({ name: 'Nobody' });
    const first = await tickAt(T_24);
    expect(first.queued).toMatchObject([{ checkpoint: 'T-24h', channel: 'none', status: 'dead' }]);
    const sla = await w.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin });
    expect(sla.json.alerts[0]).toMatchObject({
      status: 'dead',
      lastError: expect.stringContaining('no fallback channel'),
    });

    const org = await receiver(undefined, clock);
    const put = await w.call('PUT', '/api/v1/sla/settings', {
      token: admin,
      body: { fallback: { channel: 'webhook', target: org.url } },
    });
    expect(put.status).toBe(200);
    await w.call('POST', `/api/v1/sla/alerts/${sla.json.alerts[0].alertId}/retry`, { token: admin });
    await tickAt(T_24 + 60_000);
    expect(org.received.map((x) => x.json.checkpoint)).toEqual(['T-24h']);
    // From now on the fallback gets the reminders directly.
    await tickAt(T0 + 42 * HOUR);
    expect(org.received.map((x) => x.json.checkpoint)).toEqual(['T-24h', 'T-6h']);
  });

  it('the fallback may come from the environment (AFTERWORD_SLA_FALLBACK_WEBHOOK_URL)', async () => {
    const clock = fixedClock(T0);
    const org = await receiver(undefined, clock);
    const { w, incident, tickAt } = await world({ clock });
    w.deps.config = { ...w.deps.config, slaFallback: { channel: 'webhook', target: org.url } };
    await incident({ name: 'Nobody' });
    await tickAt(T_24);
    expect(org.received).toHaveLength(1);
  });

  it('refuses to send an unsigned webhook, and email without a transport, with a clear last error', async () => {
    const { w, admin, incident, tickAt, clock } = await world({ alerts: { webhookSecret: null } });
    const r = await receiver(undefined, clock);
    const id = await incident({ name: 'Lee', webhookUrl: r.url, email: 'lee@example.test' });
    await tickAt(T_24);
    expect(r.received).toHaveLength(0);
    const sla = await w.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin });
    const errors = Object.fromEntries(sla.json.alerts.map((a: any) => [a.channel, a.lastError]));
    expect(errors).toEqual({
      webhook: 'no webhook signing secret is configured (AFTERWORD_WEBHOOK_SECRET)',
      email: 'no email transport is configured (SMTP_URL on Node, the SLA_EMAIL binding on Workers)',
    });
  });
});
