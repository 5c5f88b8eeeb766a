// The internal postmortem's deadline on Node + SQLite (issue 14): the SLA tick's second clock across
// weekends and holidays, its checkpoints to the lead through the outbox, dedupe across overlapping
// ticks, linking the document (which stops the clock), the API's bad input, the "resolved ·
// postmortem pending" setting, and that the link never reaches public output.
import { afterEach, describe, expect, it } from 'vitest';
import { tickNotify } from '../../src/services/notify-tick';
import { queueSlaAlerts, tickSla } from '../../src/services/sla-tick';
import { registeredRoutes } from '../helpers/routes';
import { addSubscribers } from '../helpers/subscribers';
import { createWorld, fixedClock } from '../helpers/world';
import { startReceiver } from '../sla/helpers';

const at = (iso: string) => Date.parse(iso);
/** A Friday: the document is due by the end of the next Friday (2026-12-05T00:00Z), across a month end. */
const RESOLVED = '2026-11-27T15:00:00.000Z';
const DOC = 'https://github.com/acme/postmortems/blob/4f2a9c1/postmortems/2026-11-27-payments.md';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const clock = fixedClock(at('2026-11-27T16:00:00Z'));
  const w = createWorld({ clock });
  cleanups.push(w.close);
  const r = await startReceiver({ now: clock });
  cleanups.push(r.close);
  const admin = await w.token('admin');
  const writer = await w.token('incidents:write');
  async function incident(severity: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: `Payments degraded (${severity})`,
        severity,
        status: 'resolved',
        startedAt: '2026-11-27T13:00:00Z',
        resolvedAt: RESOLVED,
        lead: { name: 'Lee', webhookUrl: r.url },
        ...extra,
      },
    });
    expect(res.status, res.text).toBe(201);
    return res.json.id;
  }
  async function tickAt(iso: string) {
    clock.set(at(iso));
    return tickSla({ deps: w.deps, now: at(iso) });
  }
  const postmortem = async (id: string) =>
    (await w.call('GET', `/api/v1/incidents/${id}/postmortem`, { token: admin })).json;
  const link = (id: string, url: string, token = writer) =>
    w.call('PUT', `/api/v1/incidents/${id}/postmortem`, { token, body: { url } });
  const settings = (postmortemSettings: Record<string, unknown>) =>
    w.call('PUT', '/api/v1/sla/settings', { token: admin, body: { postmortem: postmortemSettings } });
  return { w, clock, r, admin, writer, incident, tickAt, postmortem, link, settings };
}

describe('the postmortem clock in the SLA tick', () => {
  it('reminds the lead at 48 h and 4 h before, at the deadline and every 24 h overdue; each once', async () => {
    const { incident, tickAt, r, postmortem } = await setUp();
    const id = await incident('SEV-2'); // SEV-2 owes no customer summary (default): only this clock runs
    expect(await postmortem(id)).toMatchObject({
      required: true,
      state: 'pending',
      dueAt: '2026-12-05T00:00:00.000Z', // 5 business days, the weekend of Nov 28-29 skipped
      overdue: false,
      linkedAt: null,
      document: null,
    });

    expect((await tickAt('2026-12-02T23:59:00Z')).queued).toEqual([]);
    const first = await tickAt('2026-12-03T00:00:00Z');
    expect(first.queued.map((q) => [q.incidentId, q.checkpoint, q.channel])).toEqual([
      [id, 'postmortem-T-48h', 'webhook'],
    ]);
    expect(first.deliveries).toMatchObject([{ outcome: 'delivered', checkpoint: 'postmortem-T-48h' }]);
    expect(r.received[0]?.json).toMatchObject({
      type: 'postmortem.checkpoint',
      checkpoint: 'postmortem-T-48h',
      incidentId: id,
      deadline: '2026-12-05T00:00:00.000Z',
      secondsLeft: 48 * 3600,
      state: 'pending',
    });
    expect(r.received[0]?.signatureValid).toBe(true);
    // The same instant again, and a later one before the next checkpoint: nothing new.
    expect(await tickAt('2026-12-03T00:00:00Z')).toMatchObject({ queued: [], deliveries: [] });
    expect(await tickAt('2026-12-04T19:59:00Z')).toMatchObject({ queued: [], deliveries: [] });

    await tickAt('2026-12-04T20:00:00Z');
    await tickAt('2026-12-05T00:00:00Z');
    await tickAt('2026-12-06T00:00:00Z');
    expect(r.received.map((x) => [x.json.checkpoint, x.json.type])).toEqual([
      ['postmortem-T-48h', 'postmortem.checkpoint'],
      ['postmortem-T-4h', 'postmortem.checkpoint'],
      ['postmortem-deadline', 'postmortem.breached'],
      ['postmortem-overdue-1', 'postmortem.overdue'],
    ]);
    expect(new Set(r.received.map((x) => x.json.alertId)).size).toBe(4);
    expect(await postmortem(id)).toMatchObject({ state: 'breached', overdue: true, secondsLeft: -24 * 3600 });
  });

  it('skips configured holidays (and a backdated resolution hears only the latest checkpoint)', async () => {
    const { incident, tickAt, r, postmortem, settings } = await setUp();
    const put = await settings({ holidays: ['2026-12-01', '2026-12-04'] });
    expect(put.status, put.text).toBe(200);
    expect(put.json.postmortem).toMatchObject({ businessDays: 5, holidays: ['2026-12-01', '2026-12-04'] });
    const id = await incident('SEV-1', { startedAt: '2026-11-25T13:00:00Z' }); // summary clock published-less, too
    // Mon 30, (Tue 1 holiday), Wed 2, Thu 3, (Fri 4 holiday, weekend), Mon 7, Tue 8.
    expect((await postmortem(id)).dueAt).toBe('2026-12-09T00:00:00.000Z');

    const late = await tickAt('2026-12-08T21:00:00Z');
    expect(late.queued.filter((q) => q.checkpoint.startsWith('postmortem-')).map((q) => q.checkpoint)).toEqual([
      'postmortem-T-4h',
    ]);
    const pm = r.received.filter((x) => x.json.type.startsWith('postmortem.'));
    expect(pm.map((x) => x.json.checkpoint)).toEqual(['postmortem-T-4h']);
    // The summary clock of the same SEV-1 kept its own checkpoints and dedupe keys.
    expect(r.received.some((x) => x.json.type.startsWith('sla.'))).toBe(true);
  });

  it('queues each checkpoint once across overlapping ticks (sla tick and notify tick at once)', async () => {
    const { w, incident, clock, r } = await setUp();
    await incident('SEV-2');
    await incident('SEV-1');
    const now = at('2026-12-03T00:00:00Z');
    clock.set(now);
    const reports = await Promise.all([
      tickSla({ deps: w.deps, now }),
      tickNotify({ deps: w.deps, now }),
      tickSla({ deps: w.deps, now }),
      queueSlaAlerts({ deps: w.deps, at: now }),
    ]);
    expect(reports.length).toBe(4);
    await tickSla({ deps: w.deps, now: now + 60_000 });
    const pm = r.received.filter((x) => x.json.type.startsWith('postmortem.'));
    expect(pm.map((x) => x.json.checkpoint).sort()).toEqual(['postmortem-T-48h', 'postmortem-T-48h']);
    expect(new Set(pm.map((x) => x.json.incidentId)).size).toBe(2);
  });

  it('gives SEV-3 no clock, and an unresolved incident none until it is resolved', async () => {
    const { incident, tickAt, postmortem, w, admin } = await setUp();
    const sev3 = await incident('SEV-3');
    const open = await incident('SEV-2', { status: 'monitoring', resolvedAt: null });
    expect(await postmortem(sev3)).toMatchObject({ required: false, state: 'not_required', dueAt: null });
    expect(await postmortem(open)).toMatchObject({ required: true, state: 'not_started', dueAt: null });
    expect((await tickAt('2026-12-20T00:00:00Z')).queued).toEqual([]);
    const list = await w.call('GET', '/api/v1/incidents', { token: admin });
    expect(list.json.incidents.find((i: any) => i.id === sev3).postmortem).toMatchObject({ required: false });
  });

  it('stops when the document is linked: pending reminders are cancelled, nothing more is sent', async () => {
    const { w, incident, clock, r, link, postmortem, tickAt } = await setUp();
    const id = await incident('SEV-2');
    const now = at('2026-12-03T00:00:00Z');
    clock.set(now);
    // Queued, not yet delivered (the tick that queued it died before delivering).
    expect((await queueSlaAlerts({ deps: w.deps, at: now })).queued).toHaveLength(1);
    clock.set(now + 60_000);
    const put = await link(id, DOC);
    expect(put.status, put.text).toBe(200);
    expect(put.json).toMatchObject({
      state: 'met',
      linkedAt: '2026-12-03T00:01:00.000Z',
      document: { url: DOC, linkedAt: '2026-12-03T00:01:00.000Z', linkedBy: 'token:test-incidents:write' },
      changed: true,
    });
    // Cancelled by the link itself, before any tick runs.
    const admin = await w.token('admin');
    const right = await w.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin });
    expect(right.json.alerts.map((a: any) => a.status)).toEqual(['cancelled']);
    expect((await tickAt('2026-12-03T00:02:00Z')).deliveries).toEqual([]);
    expect((await tickAt('2026-12-30T00:00:00Z')).queued).toEqual([]);
    expect(r.received).toEqual([]);
    const sla = await w.call('GET', `/api/v1/incidents/${id}/sla`, { token: admin });
    expect(sla.json.alerts.map((a: any) => [a.checkpoint, a.status])).toEqual([['postmortem-T-48h', 'cancelled']]);
    expect(await postmortem(id)).toMatchObject({ state: 'met', overdue: false, secondsLeft: 47 * 3600 + 59 * 60 });
  });

  it('a reopened incident stops its clock; its pending reminders are cancelled by the next tick', async () => {
    const { w, incident, clock, r, admin, tickAt } = await setUp();
    const id = await incident('SEV-2');
    const now = at('2026-12-03T00:00:00Z');
    clock.set(now);
    await queueSlaAlerts({ deps: w.deps, at: now });
    const reopen = await w.call('PATCH', `/api/v1/incidents/${id}`, {
      token: admin,
      body: { status: 'monitoring', resolvedAt: null },
    });
    expect(reopen.status, reopen.text).toBe(200);
    expect((await tickAt('2026-12-03T00:01:00Z')).settled).toContain(id);
    expect(r.received).toEqual([]);
  });
});

describe('PUT /api/v1/incidents/:id/postmortem', () => {
  const bad: [string, unknown][] = [
    ['not a URL', { url: 'postmortems/x.md' }],
    ['not http(s)', { url: 'ftp://files.example.com/x.md' }],
    ['a javascript: URL', { url: 'javascript:alert(1)' }],
    ['a user and password', { url: 'https://lee:hunter2@wiki.example.com/pm' }],
    ['a token in the query', { url: 'https://wiki.example.com/pm?access_token=abc123' }],
    ['a signed link', { url: 'https://bucket.s3.amazonaws.com/pm.md?X-Amz-Signature=abc' }],
    ['a GitHub token in the path', { url: `https://example.com/${'gh'}p_${'x'.repeat(36)}/pm.md` }],
    ['no url', {}],
    ['an empty url', { url: '   ' }],
    ['a number', { url: 42 }],
    ['an extra field', { url: DOC, linkedAt: '2026-12-01T00:00:00Z' }],
    ['too long', { url: `https://example.com/${'a'.repeat(2100)}` }],
  ];

  it.each(bad)('refuses %s with 422 problem+json and writes nothing', async (_, body) => {
    const { w, incident, writer, postmortem, admin } = await setUp();
    const id = await incident('SEV-2');
    const res = await w.call('PUT', `/api/v1/incidents/${id}/postmortem`, { token: writer, body });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(res.text).not.toContain('hunter2');
    expect(res.text).not.toContain('x'.repeat(36));
    expect(await postmortem(id)).toMatchObject({ document: null, linkedAt: null });
    const audit = await w.call('GET', '/api/v1/audit', { token: admin });
    expect(audit.json.entries.filter((e: any) => e.action.startsWith('postmortem.'))).toEqual([]);
  });

  it('404s for an unknown incident, 403s without incidents:write, 401s without a token', async () => {
    const { w, incident, link } = await setUp();
    const id = await incident('SEV-2');
    expect((await link('inc_nope', DOC)).json).toMatchObject({ status: 404, code: 'not_found' });
    const reader = await w.token('summaries:publish');
    expect((await link(id, DOC, reader)).status).toBe(403);
    expect((await w.call('PUT', `/api/v1/incidents/${id}/postmortem`, { body: { url: DOC } })).status).toBe(401);
    expect((await w.call('GET', `/api/v1/incidents/${id}/postmortem`)).status).toBe(401);
  });

  it('is idempotent: the same URL again changes nothing; a new URL keeps the first linked time; audited', async () => {
    const { w, incident, link, clock, admin } = await setUp();
    const id = await incident('SEV-2');
    expect((await link(id, DOC)).json).toMatchObject({ changed: true, linkedAt: '2026-11-27T16:00:00.000Z' });
    clock.advance(3_600_000);
    expect((await link(id, DOC)).json).toMatchObject({
      changed: false,
      document: { url: DOC, updatedAt: '2026-11-27T16:00:00.000Z' },
    });
    const moved = `${DOC.replace('4f2a9c1', '9b1d2e7')}`;
    expect((await link(id, moved)).json).toMatchObject({
      changed: true,
      linkedAt: '2026-11-27T16:00:00.000Z',
      document: { url: moved, updatedAt: '2026-11-27T17:00:00.000Z' },
    });
    const audit = await w.call('GET', '/api/v1/audit', { token: admin });
    const actions = audit.json.entries.filter((e: any) => e.targetId === id).map((e: any) => e.action);
    expect(actions.filter((a: string) => a.startsWith('postmortem.')).sort()).toEqual([
      'postmortem.link',
      'postmortem.link.update',
    ]);
  });
});

describe('resolved · postmortem pending', () => {
  it('with the setting on, a resolved SEV-1/2 reads so in /api/v1 until the document is linked', async () => {
    const { w, incident, link, settings, admin } = await setUp();
    const sev2 = await incident('SEV-2');
    const sev3 = await incident('SEV-3');
    const label = async (id: string) => (await w.call('GET', `/api/v1/incidents/${id}`, { token: admin })).json;
    expect((await label(sev2)).statusLabel).toBe('resolved'); // off by default
    expect((await settings({ resolvedWaitsForPostmortem: true })).status).toBe(200);
    expect(await label(sev2)).toMatchObject({ status: 'resolved', statusLabel: 'resolved · postmortem pending' });
    expect((await label(sev3)).statusLabel).toBe('resolved'); // SEV-3 owes no document
    const list = await w.call('GET', '/api/v1/incidents', { token: admin });
    expect(list.json.incidents.find((i: any) => i.id === sev2).statusLabel).toBe('resolved · postmortem pending');
    await link(sev2, DOC);
    expect(await label(sev2)).toMatchObject({ statusLabel: 'resolved', postmortem: { state: 'met' } });
  });

  it('rejects bad postmortem settings with 422 and keeps the old ones', async () => {
    const { settings, w, admin } = await setUp();
    for (const body of [
      { businessDays: 0 },
      { holidays: ['2026-02-30'] },
      { holidays: ['25/12/2026'] },
      { weekend: [0, 1, 2, 3, 4, 5, 6] },
      { severities: ['SEV-9'] },
      { resolvedWaitsForPostmortem: 'yes' },
      { unknown: 1 },
    ]) {
      const res = await settings(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.code).toBe('validation_failed');
    }
    const now = await w.call('GET', '/api/v1/sla/settings', { token: admin });
    expect(now.json.postmortem).toMatchObject({ businessDays: 5, holidays: [], resolvedWaitsForPostmortem: false });
  });
});

describe('the link stays internal', () => {
  it('never reaches the public pages, feeds, /api/v2, domain events or subscriber notifications', async () => {
    const { w, incident, link, settings } = await setUp();
    const marker = 'zz-internal-postmortem-marker';
    const url = `https://wiki.example.com/${marker}/payments`;
    await settings({ resolvedWaitsForPostmortem: true });
    // A confirmed webhook subscriber who follows everything (sign-up has its own tests).
    const follower = await startReceiver({ now: w.clock });
    cleanups.push(follower.close);
    addSubscribers(w.handle.sqlite, [{ id: 'sub_all', channel: 'webhook', address: follower.url }]);
    const id = await incident('SEV-1');
    const unlinked = await incident('SEV-2');
    expect((await link(id, url)).status).toBe(200);
    const notified = await tickNotify({ deps: w.deps, now: w.clock() });
    expect(notified.deliveries.filter((d) => d.kind === 'subscriber' && d.outcome === 'delivered').length).toBe(2);
    expect(follower.received.length).toBe(2);
    expect(follower.received.map((x) => x.body).join('\n')).not.toContain(marker);

    const pages = registeredRoutes(w.app, '/')
      .filter((r) => r.method === 'GET' && !r.path.startsWith('/api/v1') && !r.path.startsWith('/admin'))
      .map((r) => r.path.replace(/:[A-Za-z_]+/g, id));
    expect(pages).toEqual(expect.arrayContaining(['/', `/incidents/${id}`, '/history.atom', '/api/v2/incidents.json']));
    for (const path of [...pages, `/incidents/${unlinked}`]) {
      const res = await w.app.request(path);
      const text = await res.text();
      expect(text, path).not.toContain(marker);
      expect(text, path).not.toContain('postmortem pending'); // the public page just says Resolved
    }
    const { domainEvents, notifications } = await import('../../src/db/schema');
    const events = await w.deps.store.db.select().from(domainEvents);
    const outbox = await w.deps.store.db.select().from(notifications);
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(marker);
    expect(JSON.stringify(outbox)).not.toContain(marker);
  });
});
