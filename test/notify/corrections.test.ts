// Corrections reach subscribers: editing a posted update raises incident.update_edited, retracting it
// incident.update_retracted, in the same batch as the change. Webhooks get both (with the update id and
// the corrected public text only); people (email, Slack) only a correction of the latest update.
import { afterEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/alerts/node-smtp';
import { tickNotify } from '../../src/services/notify-tick';
import { addSubscribers } from '../helpers/subscribers';
import { createWorld, T0 } from '../helpers/world';
import { startReceiver, startSmtpSink } from '../sla/helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const sink = await startSmtpSink();
  const mailer = smtpMailer(sink.url, 'Status <status@example.test>');
  const w = createWorld({ alerts: { mailer } });
  cleanups.push(sink.close, () => mailer.close(), w.close);
  const receiver = await startReceiver({ now: w.clock });
  cleanups.push(receiver.close);
  const admin = await w.token('admin');
  addSubscribers(w.handle.sqlite, [
    { id: 'sub_hook', channel: 'webhook', address: receiver.url.replace('/hooks/afterword', '/hooks/machine'), at: T0 },
    { id: 'sub_slack', channel: 'slack', address: receiver.url.replace('/hooks/afterword', '/hooks/slack'), at: T0 },
    { id: 'sub_mail', channel: 'email', address: 'reader@example.test', at: T0 },
  ]);

  const inc = await w.call('POST', '/api/v1/incidents', {
    token: admin,
    body: {
      title: 'Checkout errors',
      severity: 'SEV-1',
      startedAt: '2026-11-20T11:00:00Z',
      lead: { name: 'Lee' },
      message: 'Payments fial for some customers.',
    },
  });
  expect(inc.status).toBe(201);
  const id = inc.json.id as string;
  w.clock.advance(60_000);
  const second = await w.call('POST', `/api/v1/incidents/${id}/updates`, {
    token: admin,
    body: { status: 'identified', body: 'We found teh cause.' },
  });
  expect(second.status).toBe(201);
  const updates = (await w.call('GET', `/api/v1/incidents/${id}/updates`, { token: admin })).json.updates as {
    id: string;
  }[];
  expect(updates).toHaveLength(2);
  await tickNotify({ deps: w.deps });
  expect(receiver.received).toHaveLength(4);
  expect(sink.mails).toHaveLength(2);
  receiver.received.length = 0;
  sink.mails.length = 0;

  const delivered = async () => {
    w.clock.advance(60_000);
    await tickNotify({ deps: w.deps });
    const out = {
      webhook: receiver.received.filter((r) => r.json?.notificationId).map((r) => r.json),
      slack: receiver.received.filter((r) => !r.json?.notificationId).map((r) => r.json),
      email: [...sink.mails],
    };
    receiver.received.length = 0;
    sink.mails.length = 0;
    return out;
  };
  return { w, admin, id, older: updates[0]!.id, latest: updates[1]!.id, delivered };
}

describe('corrections of posted updates', () => {
  it('an edit of an older update reaches webhooks only; an edit of the latest reaches every channel', async () => {
    const { w, admin, id, older, latest, delivered } = await setUp();

    const editedAt = new Date(w.clock()).toISOString();
    const edit = await w.call('PATCH', `/api/v1/incidents/${id}/updates/${older}`, {
      token: admin,
      body: { body: 'Payments fail for some customers.' },
    });
    expect(edit.status).toBe(200);
    const first = await delivered();
    expect(first.webhook).toEqual([
      {
        notificationId: expect.stringMatching(/^ntf_/),
        type: 'incident.update_edited',
        occurredAt: editedAt,
        url: `https://status.example.test/incidents/${id}`,
        title: 'Checkout errors',
        status: 'investigating',
        message: 'Payments fail for some customers.',
        incidentId: id,
        updateId: older,
        components: [],
      },
    ]);
    expect(first.slack).toEqual([]);
    expect(first.email).toEqual([]);

    await w.call('PATCH', `/api/v1/incidents/${id}/updates/${latest}`, {
      token: admin,
      body: { body: 'We found the cause.' },
    });
    const second = await delivered();
    expect(second.webhook.map((b) => [b.type, b.updateId, b.message])).toEqual([
      ['incident.update_edited', latest, 'We found the cause.'],
    ]);
    expect(second.slack).toHaveLength(1);
    expect(JSON.stringify(second.slack[0])).toContain('Correction: Checkout errors');
    expect(JSON.stringify(second.slack[0])).toContain('The latest update now reads: We found the cause.');
    expect(second.email).toHaveLength(1);
    expect(second.email[0]!.header('Subject')).toBe('Correction: Checkout errors');
    expect(second.email[0]!.raw).toContain('We found the cause.');
    expect(second.email[0]!.raw).not.toContain('teh cause');
  });

  it('a retraction reaches webhooks only, with the update id and no text', async () => {
    const { w, admin, id, latest, delivered } = await setUp();
    expect((await w.call('DELETE', `/api/v1/incidents/${id}/updates/${latest}`, { token: admin })).status).toBe(204);
    const out = await delivered();
    expect(out.webhook.map((b) => [b.type, b.updateId, b.message, b.incidentId])).toEqual([
      ['incident.update_retracted', latest, null, id],
    ]);
    expect(JSON.stringify(out.webhook)).not.toContain('teh cause');
    expect(out.slack).toEqual([]);
    expect(out.email).toEqual([]);
  });

  it('the event is part of the change: when it cannot be stored, the update keeps its text', async () => {
    const { w, admin, id, latest } = await setUp();
    w.handle.sqlite.exec(
      `create trigger no_events before insert on domain_events begin select raise(abort, 'refused'); end`,
    );
    const failed = await w.call('PATCH', `/api/v1/incidents/${id}/updates/${latest}`, {
      token: admin,
      body: { body: 'We found the cause.' },
    });
    expect(failed.status).toBe(500);
    const updates = (await w.call('GET', `/api/v1/incidents/${id}/updates`, { token: admin })).json.updates;
    expect(updates.map((u: { body: string }) => u.body)).toContain('We found teh cause.');
  });

  it('a private incident raises no correction event', async () => {
    const w = createWorld();
    cleanups.push(w.close);
    const admin = await w.token('admin');
    const inc = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: 'Internal',
        severity: 'SEV-3',
        startedAt: '2026-11-20T11:00:00Z',
        lead: { name: 'Lee' },
        message: 'Looking.',
      },
    });
    const [u] = (await w.call('GET', `/api/v1/incidents/${inc.json.id}/updates`, { token: admin })).json.updates;
    await w.call('PATCH', `/api/v1/incidents/${inc.json.id}/updates/${u.id}`, {
      token: admin,
      body: { body: 'Fixed.' },
    });
    await w.call('DELETE', `/api/v1/incidents/${inc.json.id}/updates/${u.id}`, { token: admin });
    expect(w.handle.sqlite.prepare('select count(*) as n from domain_events').get()).toEqual({ n: 0 });
  });
});
