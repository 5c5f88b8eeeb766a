// A summary is published only about a resolved incident (422 incident_open), and a published
// summary whose incident's times move afterwards is re-checked: the new time finding shows in
// GET .../summary and reaches the lead once, as a `summary.stale` alert through the outbox.
import { afterEach, describe, expect, it } from 'vitest';
import { tickSla } from '../../src/services/sla-tick';
import { CLEAN } from '../core/summary/fixtures';
import { createWorld, fixedClock } from '../helpers/world';
import { startReceiver } from '../sla/helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// CLEAN says "from 14:05 to 15:20 UTC" on 26 November 2026.
const STARTED = '2026-11-26T14:05:00.000Z';
const RESOLVED = '2026-11-26T15:20:00.000Z';

async function setUp(severity = 'SEV-1') {
  const clock = fixedClock(Date.parse('2026-11-26T16:00:00Z'));
  const receiver = await startReceiver({ now: clock });
  const w = createWorld({ clock });
  cleanups.push(receiver.close, w.close);
  const token = await w.token('admin');
  const created = await w.call('POST', '/api/v1/incidents', {
    token,
    body: {
      title: 'Elevated API errors',
      severity,
      startedAt: STARTED,
      lead: { name: 'Dana', webhookUrl: receiver.url },
    },
  });
  expect(created.status).toBe(201);
  const id: string = created.json.id;
  const draft = await w.call('PUT', `/api/v1/incidents/${id}/summary`, { token, body: { markdown: CLEAN } });
  expect(draft.status).toBe(201);
  const call = (method: string, path: string, body?: unknown) =>
    w.call(method, `/api/v1/incidents/${id}${path}`, { token, body });
  return { w, clock, receiver, token, id, call };
}

const staleAlerts = (sla: { alerts: { type: string }[] }) => sla.alerts.filter((a) => a.type === 'summary.stale');

describe('publishing a summary', () => {
  it('is refused while the incident is open (422 incident_open, nothing published), then accepted', async () => {
    const { call } = await setUp();
    const open = await call('POST', '/summary/publish');
    expect(open.status).toBe(422);
    expect(open.headers.get('Content-Type')).toContain('application/problem+json');
    expect(open.json).toMatchObject({ code: 'incident_open', status: 422, incidentStatus: 'investigating' });
    expect((await call('GET', '/summary')).json.published).toBeNull();

    expect((await call('POST', '/resolve', { resolvedAt: RESOLVED })).status).toBe(200);
    expect((await call('POST', '/summary/publish')).status).toBe(201);

    // Reopened: a new publication waits for the next resolution.
    expect((await call('PATCH', '', { status: 'monitoring' })).status).toBe(200);
    expect((await call('POST', '/summary/publish')).json.code).toBe('incident_open');
  });
});

describe('a published summary whose incident times change', () => {
  it('shows as stale in GET .../summary and alerts the lead once through the outbox', async () => {
    const { call, receiver, w, clock } = await setUp();
    await call('POST', '/resolve', { resolvedAt: RESOLVED });
    expect((await call('POST', '/summary/publish')).status).toBe(201);
    expect((await call('GET', '/summary')).json.stale).toBeNull();

    // The start is corrected an hour earlier: the published "14:05 UTC" is now 60 minutes off.
    expect((await call('PATCH', '', { startedAt: '2026-11-26T13:05:00Z' })).status).toBe(200);
    const summary = (await call('GET', '/summary')).json;
    expect(summary.stale).toMatchObject({
      version: 1,
      findings: [{ rule: 'times-mismatch', text: '14:05' }],
    });
    expect(summary.stale.findings[0].message).toContain('60 minutes');

    let sla = (await call('GET', '/sla')).json;
    expect(staleAlerts(sla)).toMatchObject([{ type: 'summary.stale', channel: 'webhook', status: 'pending' }]);

    // The same staleness again (an unrelated edit, the same start re-sent) queues nothing more.
    await call('PATCH', '', { title: 'Elevated API error rates' });
    await call('PATCH', '', { startedAt: '2026-11-26T13:05:00Z' });
    sla = (await call('GET', '/sla')).json;
    expect(staleAlerts(sla)).toHaveLength(1);

    await tickSla({ deps: w.deps, now: clock() });
    await tickSla({ deps: w.deps, now: clock() + 60_000 });
    const stale = receiver.received.filter((r) => r.json.type === 'summary.stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]?.signatureValid).toBe(true);
    expect(stale[0]?.json).toMatchObject({
      incidentId: summary.incidentId,
      stale: { version: 1, findings: [{ rule: 'times-mismatch', text: '14:05' }] },
    });
    sla = (await call('GET', '/sla')).json;
    expect(staleAlerts(sla)).toMatchObject([{ status: 'delivered' }]);

    // Put back: the summary is accurate again.
    await call('PATCH', '', { startedAt: STARTED });
    expect((await call('GET', '/summary')).json.stale).toBeNull();
  });

  it('for an incident without an SLA clock, the alert is delivered and the tick does not churn', async () => {
    const { call, receiver, w, clock, token } = await setUp('SEV-2');
    await call('POST', '/resolve', { resolvedAt: RESOLVED });
    expect((await call('POST', '/summary/publish')).status).toBe(201);
    await call('PATCH', '', { resolvedAt: '2026-11-26T17:20:00Z' });
    expect((await call('GET', '/summary')).json.stale.findings).toMatchObject([{ rule: 'times-mismatch' }]);

    const cancels = async () =>
      ((await w.call('GET', '/api/v1/audit', { token })).json.entries as { action: string }[]).filter(
        (e) => e.action === 'sla.alerts.cancel',
      ).length;
    const before = await cancels();
    await tickSla({ deps: w.deps, now: clock() });
    await tickSla({ deps: w.deps, now: clock() + 60_000 });
    expect(receiver.received.map((r) => r.json.type)).toEqual(['summary.stale']);
    // Not taken for an SLA reminder: no cancel-and-confirm round on every tick.
    expect(await cancels()).toBe(before);
  });
});
