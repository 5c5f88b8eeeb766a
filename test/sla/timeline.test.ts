// The whole SLA timeline of a SEV-1 created through the API, driven by a fixed clock, against a real
// webhook receiver that verifies signatures and a real SMTP server.
import { afterEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/alerts/node-smtp';
import { summaryPublished } from '../../src/services/sla-events';
import { tickSla } from '../../src/services/sla-tick';
import { CLEAN } from '../core/summary/fixtures';
import { createWorld, fixedClock, T0 } from '../helpers/world';
import { HOUR, insertPublication, startReceiver, startSmtpSink } from './helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(answer?: (n: number) => number) {
  const clock = fixedClock(T0);
  const receiver = await startReceiver({ now: clock, answer });
  const smtp = await startSmtpSink();
  const mailer = smtpMailer(smtp.url, 'Afterword <sla@example.test>');
  const world = createWorld({ clock, alerts: { mailer } });
  cleanups.push(receiver.close, smtp.close, () => mailer.close(), world.close);
  const admin = await world.token('admin');
  const created = await world.call('POST', '/api/v1/incidents', {
    token: admin,
    body: {
      title: 'Checkout unavailable',
      severity: 'SEV-1',
      startedAt: new Date(T0).toISOString(),
      lead: { name: 'Dana Reyes', email: 'dana@example.test', webhookUrl: receiver.url },
    },
  });
  expect(created.status).toBe(201);
  const id: string = created.json.id;
  /** Moves the clock and runs one tick, as `sla tick --now` does. */
  async function tickAt(at: number) {
    clock.set(at);
    return tickSla({ deps: world.deps, now: at });
  }
  return { world, clock, receiver, smtp, admin, id, tickAt };
}

describe('the SLA timeline of a SEV-1', () => {
  it('alerts the lead at each checkpoint, on time, once, and confirms a late publication once', async () => {
    const { world, receiver, smtp, admin, id, tickAt } = await setUp();
    const deadline = T0 + 48 * HOUR;

    const expected: [at: number, checkpoint: string, type: string, state: string, secondsLeft: number][] = [
      [deadline - 24 * HOUR, 'T-24h', 'sla.checkpoint', 'pending', 24 * 3600],
      [deadline - 6 * HOUR, 'T-6h', 'sla.checkpoint', 'pending', 6 * 3600],
      [deadline - HOUR, 'T-1h', 'sla.checkpoint', 'due_soon', 3600],
      [deadline, 'deadline', 'sla.breached', 'breached', 0],
      [deadline + 24 * HOUR, 'overdue-1', 'sla.overdue', 'breached', -24 * 3600],
    ];

    // Nothing before the first checkpoint, however often the tick runs.
    for (const at of [T0, T0 + HOUR, deadline - 24 * HOUR - 60_000]) {
      expect((await tickAt(at)).queued).toEqual([]);
    }
    expect(receiver.received).toHaveLength(0);

    for (const [i, [at, checkpoint, type, state, secondsLeft]] of expected.entries()) {
      const report = await tickAt(at);
      expect(report.queued.map((q) => [q.checkpoint, q.channel]).sort()).toEqual([
        [checkpoint, 'email'],
        [checkpoint, 'webhook'],
      ]);
      expect(report.deliveries.map((d) => d.outcome)).toEqual(['delivered', 'delivered']);
      // A minute later: nothing new, nothing resent.
      expect(await tickAt(at + 60_000)).toMatchObject({ queued: [], deliveries: [] });

      expect(receiver.received).toHaveLength(i + 1);
      const hook = receiver.received[i]!;
      expect(hook.signatureValid).toBe(true);
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.headers['afterword-alert-id']).toBe(hook.json.alertId);
      expect(hook.headers['afterword-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(Object.keys(hook.json).sort()).toEqual(
        [
          'alertId',
          'type',
          'checkpoint',
          'incidentId',
          'incidentTitle',
          'deadline',
          'secondsLeft',
          'state',
          'links',
        ].sort(),
      );
      expect(hook.json).toEqual({
        alertId: expect.stringMatching(/^alr_/),
        type,
        checkpoint,
        incidentId: id,
        incidentTitle: 'Checkout unavailable',
        deadline: '2026-11-22T12:00:00.000Z',
        secondsLeft,
        state,
        links: {
          incident: `https://status.example.test/incidents/${id}`,
          summaryDraft: `https://status.example.test/admin/incidents/${id}/summary`,
        },
      });

      expect(smtp.mails).toHaveLength(i + 1);
      const mail = smtp.mails[i]!;
      expect(mail.to).toEqual(['dana@example.test']);
      expect(mail.header('X-Afterword-Alert-Id')).toMatch(/^alr_/);
      expect(mail.header('X-Afterword-Alert-Id')).not.toBe(hook.json.alertId); // one alert per channel
      expect(mail.header('Subject')).toContain('Checkout unavailable');

      const sla = await world.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin });
      expect(sla.status).toBe(200);
      expect(sla.json).toMatchObject({ state, deadline: '2026-11-22T12:00:00.000Z' });
    }

    // Published 8 h into the second overdue day: the clock stops, met_late, one confirmation per channel.
    const publishedAt = deadline + 32 * HOUR;
    world.clock.set(publishedAt);
    insertPublication(world, id, publishedAt);
    await summaryPublished({ deps: world.deps, incidentId: id });
    await summaryPublished({ deps: world.deps, incidentId: id }); // a second call (or publication) adds nothing
    const report = await tickAt(publishedAt);
    expect(report.deliveries.map((d) => [d.checkpoint, d.outcome])).toEqual([
      ['met', 'delivered'],
      ['met', 'delivered'],
    ]);
    const met = receiver.received.at(-1)!;
    expect(met.json).toMatchObject({ type: 'sla.met', checkpoint: 'met', state: 'met_late', secondsLeft: -32 * 3600 });
    expect(met.signatureValid).toBe(true);

    // And then silence: no overdue-2, no second confirmation.
    for (const at of [deadline + 48 * HOUR, deadline + 96 * HOUR]) {
      expect(await tickAt(at)).toMatchObject({ queued: [], deliveries: [] });
    }
    expect(receiver.received.map((r) => r.json.checkpoint)).toEqual([
      'T-24h',
      'T-6h',
      'T-1h',
      'deadline',
      'overdue-1',
      'met',
    ]);
    expect(new Set(receiver.received.map((r) => r.json.alertId)).size).toBe(6);
    expect(smtp.mails).toHaveLength(6);

    const sla = await world.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin });
    expect(sla.json).toMatchObject({
      state: 'met_late',
      publishedAt: new Date(publishedAt).toISOString(),
      alertsSent: 12,
      alertsPending: 0,
    });
  });

  it('publication before any reminder sends just the confirmation, as met', async () => {
    const { world, receiver, smtp, id, tickAt } = await setUp();
    world.clock.set(T0 + 3 * HOUR);
    insertPublication(world, id, T0 + 3 * HOUR);
    await summaryPublished({ deps: world.deps, incidentId: id });
    await tickAt(T0 + 3 * HOUR);
    await tickAt(T0 + 100 * HOUR);
    expect(receiver.received.map((r) => [r.json.type, r.json.state, r.json.secondsLeft])).toEqual([
      ['sla.met', 'met', 45 * 3600],
    ]);
    expect(smtp.mails).toHaveLength(1);
  });

  it('a reminder queued but not yet delivered is cancelled by publication', async () => {
    // The receiver is down at T-24h: the reminder waits for its retry.
    const { world, receiver, id, tickAt } = await setUp((n) => (n === 1 ? 503 : 200));
    const at = T0 + 24 * HOUR;
    const first = await tickAt(at);
    expect(first.deliveries.find((d) => d.channel === 'webhook')?.outcome).toBe('retry');
    insertPublication(world, id, at + 10_000);
    world.clock.set(at + 10_000);
    await summaryPublished({ deps: world.deps, incidentId: id });
    const after = await tickAt(at + HOUR);
    expect(after.deliveries.map((d) => d.checkpoint)).toEqual(['met', 'met']);
    expect(receiver.received.map((r) => [r.json.checkpoint, r.answered])).toEqual([
      ['T-24h', 503],
      ['met', 200],
    ]);
    const sla = await world.call('GET', `/api/v1/incidents/${id}/sla`, { token: await world.token('admin') });
    expect(sla.json.alerts.find((a: any) => a.checkpoint === 'T-24h' && a.channel === 'webhook').status).toBe(
      'cancelled',
    );
  });

  it('publishing through the summary API stops the clock and queues one confirmation', async () => {
    const { world, receiver, admin, id, tickAt } = await setUp();
    await tickAt(T0 + 24 * HOUR);
    expect(receiver.received.map((r) => r.json.checkpoint)).toEqual(['T-24h']);

    world.clock.set(T0 + 30 * HOUR);
    // A summary is published about a resolved incident only.
    expect((await world.call('POST', `/api/v1/incidents/${id}/resolve`, { token: admin, body: {} })).status).toBe(200);
    const draft = await world.call('PUT', `/api/v1/incidents/${id}/summary`, {
      token: admin,
      body: { markdown: CLEAN },
    });
    expect(draft.status, draft.text).toBe(201);
    const published = await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: admin });
    expect(published.status, published.text).toBeLessThan(300);
    expect((await world.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin })).json).toMatchObject({
      state: 'met',
      secondsLeft: 18 * 3600,
      alertsPending: 2,
    });
    // Publishing the same version again is idempotent and queues nothing more.
    await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: admin });

    await tickAt(T0 + 30 * HOUR);
    await tickAt(T0 + 48 * HOUR);
    await tickAt(T0 + 96 * HOUR);
    expect(receiver.received.map((r) => [r.json.checkpoint, r.json.state])).toEqual([
      ['T-24h', 'pending'],
      ['met', 'met'],
    ]);
  });
});
