// The one notification outbox: the migration keeps every SLA row, writes store their domain events in
// the same batch, the notify tick fans events out to matching subscribers and delivers them, and only
// writes that change public output move the public version, ETag and updated_at.
import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tickNotify } from '../../src/services/notify-tick';
import { runCliInProcess, tempDbPath } from '../helpers/processes';
import { addSubscribers, type TestSubscriber } from '../helpers/subscribers';
import { createWorld, T0, TEST_WEBHOOK_SECRET, type World } from '../helpers/world';
import { startReceiver } from '../sla/helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function world(): World {
  const w = createWorld();
  cleanups.push(w.close);
  return w;
}

/** A confirmed subscriber straight in SQL (sign-up and confirmation have their own tests). */
function subscriber(w: World, s: Omit<TestSubscriber, 'at'>) {
  addSubscribers(w.handle.sqlite, [{ ...s, at: T0 }]);
}

const MIGRATIONS = 'drizzle';
function statements(file: string): string[] {
  return readFileSync(`${MIGRATIONS}/${file}`, 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

describe('migration 0002', () => {
  it('moves every SLA alert, attempt and dead letter into notifications, and stamps the last public change', () => {
    const db = new Database(':memory:');
    cleanups.push(() => db.close());
    const files = readdirSync(MIGRATIONS)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    const [first, second, ...rest] = files;
    expect(rest[0]).toMatch(/^0002_/);
    for (const f of [first, second]) for (const s of statements(f!)) db.exec(s);
    db.exec(`insert into incidents (id, title, severity, status, started_at, lead_name, lead_webhook_kind, created_at, updated_at)
             values ('inc_a', 'A', 'SEV-1', 'investigating', 1, 'Lee', 'generic', 1, 1)`);
    const insert = db.prepare(
      `insert into sla_alerts (id, incident_id, checkpoint, type, channel, target, payload, status, attempts, next_attempt_at, last_error, created_at, updated_at, delivered_at)
       values (?, 'inc_a', ?, 'sla.checkpoint', ?, 'x', '{"alertId":"x"}', ?, ?, 5, ?, 1, 2, ?)`,
    );
    insert.run('alr_1', 'T-24h', 'webhook', 'delivered', 1, null, 3);
    insert.run('alr_2', 'T-24h', 'email', 'dead', 8, 'HTTP 500 from https://hooks.example.test', null);
    insert.run('alr_3', 'T-1h', 'webhook', 'pending', 2, 'timed out', null);
    db.exec(
      `insert into audit_log (id, actor, action, target_type, target_id, at) values ('aud_1', 'x', 'incident.create', 'incident', 'inc_a', 1234)`,
    );
    for (const f of rest) for (const s of statements(f)) db.exec(s);

    const rows = db
      .prepare(
        'select id, kind, dedupe_key, incident_id, checkpoint, channel, status, attempts, last_error, delivered_at from notifications order by id',
      )
      .all();
    expect(rows).toEqual([
      {
        id: 'alr_1',
        kind: 'sla',
        dedupe_key: 'sla:inc_a:T-24h:webhook',
        incident_id: 'inc_a',
        checkpoint: 'T-24h',
        channel: 'webhook',
        status: 'delivered',
        attempts: 1,
        last_error: null,
        delivered_at: 3,
      },
      {
        id: 'alr_2',
        kind: 'sla',
        dedupe_key: 'sla:inc_a:T-24h:email',
        incident_id: 'inc_a',
        checkpoint: 'T-24h',
        channel: 'email',
        status: 'dead',
        attempts: 8,
        last_error: 'HTTP 500 from https://hooks.example.test',
        delivered_at: null,
      },
      {
        id: 'alr_3',
        kind: 'sla',
        dedupe_key: 'sla:inc_a:T-1h:webhook',
        incident_id: 'inc_a',
        checkpoint: 'T-1h',
        channel: 'webhook',
        status: 'pending',
        attempts: 2,
        last_error: 'timed out',
        delivered_at: null,
      },
    ]);
    expect(db.prepare('select changed_at from data_version').get()).toEqual({ changed_at: 1234 });
    // The dedupe key keeps one alert per incident, checkpoint and channel, as the old UNIQUE index did.
    expect(() =>
      db.exec(`insert into notifications (id, kind, dedupe_key, type, channel, target, payload, status, next_attempt_at, created_at, updated_at)
               values ('alr_4', 'sla', 'sla:inc_a:T-24h:webhook', 't', 'webhook', '', '{}', 'pending', 0, 0, 0)`),
    ).toThrow(/UNIQUE/);
  });
});

describe('domain events', () => {
  it('are stored in the same atomic batch as the change: a failing event insert leaves no incident behind', async () => {
    const w = world();
    const admin = await w.token('admin');
    const ok = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: { title: 'Checkout errors', severity: 'SEV-1', startedAt: '2026-11-20T11:00:00Z', lead: { name: 'Lee' } },
    });
    expect(ok.status).toBe(201);
    const events = w.handle.sqlite.prepare('select type, subject_id, fanned_out_at from domain_events').all();
    expect(events).toEqual([{ type: 'incident.created', subject_id: ok.json.id, fanned_out_at: null }]);

    w.handle.sqlite.exec(
      `create trigger no_events before insert on domain_events begin select raise(abort, 'refused'); end`,
    );
    const count = () => (w.handle.sqlite.prepare('select count(*) as n from incidents').get() as { n: number }).n;
    const before = count();
    const failed = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: { title: 'Second', severity: 'SEV-1', startedAt: '2026-11-20T11:00:00Z', lead: { name: 'Lee' } },
    });
    expect(failed.status).toBe(500);
    expect(count()).toBe(before);
  });

  it('a private incident (SEV-3 by default) raises no event; its later updates neither', async () => {
    const w = world();
    const admin = await w.token('admin');
    const r = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: { title: 'Internal only', severity: 'SEV-3', startedAt: '2026-11-20T11:00:00Z', lead: { name: 'Lee' } },
    });
    await w.call('POST', `/api/v1/incidents/${r.json.id}/updates`, {
      token: admin,
      body: { status: 'identified', body: 'Found it.' },
    });
    expect(w.handle.sqlite.prepare('select count(*) as n from domain_events').get()).toEqual({ n: 0 });
  });
});

describe('the notify tick', () => {
  it('fans an update out to the subscribers who follow it (component, group or everything) and delivers each once, signed, with a stable id', async () => {
    const w = world();
    const admin = await w.token('admin');
    const receiver = await startReceiver({ now: w.clock });
    cleanups.push(receiver.close);
    const group = await w.call('POST', '/api/v1/component-groups', { token: admin, body: { name: 'Payments' } });
    const api = await w.call('POST', '/api/v1/components', { token: admin, body: { name: 'API' } });
    const checkout = await w.call('POST', '/api/v1/components', {
      token: admin,
      body: { name: 'Checkout', groupId: group.json.id },
    });
    const hook = (name: string) => receiver.url.replace('/hooks/afterword', `/hooks/${name}`);
    subscriber(w, { id: 'sub_everything', channel: 'webhook', address: hook('everything') });
    subscriber(w, {
      id: 'sub_group',
      channel: 'webhook',
      address: hook('group'),
      everything: false,
      targets: [group.json.id],
    });
    subscriber(w, {
      id: 'sub_api',
      channel: 'webhook',
      address: hook('api'),
      everything: false,
      targets: [api.json.id],
    });

    const inc = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: 'Checkout errors',
        severity: 'SEV-1',
        startedAt: '2026-11-20T11:00:00Z',
        lead: { name: 'Lee', email: 'lee@example.test' },
        components: [{ id: checkout.json.id, status: 'major_outage' }],
        message: 'Payments fail for some customers.',
      },
    });
    const report = await tickNotify({ deps: w.deps });
    expect(report.fannedOut).toEqual([{ eventId: expect.stringMatching(/^evt_/), type: 'incident.created' }]);
    // The everything and group subscribers; the API subscriber follows another component.
    expect(receiver.received).toHaveLength(2);
    const bodies = receiver.received.map((r) => r.json);
    expect(bodies.map((b) => b.type)).toEqual(['incident.created', 'incident.created']);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    expect(bodies[0]).toMatchObject({
      title: 'Checkout errors',
      status: 'investigating',
      message: 'Payments fail for some customers.',
      url: `https://status.example.test/incidents/${inc.json.id}`,
      components: [checkout.json.id],
    });
    // Public text only: nothing of the lead reaches a subscriber.
    expect(receiver.received.map((r) => r.body).join()).not.toMatch(/Lee|lee@example/);
    const ids = receiver.received.map((r) => r.headers['afterword-notification-id']);
    expect(new Set(ids).size).toBe(2);
    expect(bodies.map((b) => b.notificationId).sort()).toEqual([...ids].sort());

    // A second tick at the same instant sends nothing more.
    await tickNotify({ deps: w.deps });
    expect(receiver.received).toHaveLength(2);
  });

  it('`notify tick --now` runs from the CLI and reports what it did', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const env = {
      DATABASE_PATH: tempDbPath(),
      AFTERWORD_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
    };
    const token = await runCliInProcess(['token', 'create', '--name', 'ops', '--scope', 'admin'], env);
    expect(token.status).toBe(0);
    const { nodeDeps } = await import('../../src/node-deps');
    const { deps, handle } = nodeDeps({ ...process.env, ...env });
    const { createMaintenance } = await import('../../src/services/maintenances');
    await createMaintenance({
      deps,
      input: { title: 'Database upgrade', scheduledFor: T0 + 3_600_000, scheduledUntil: T0 + 7_200_000 },
      actor: { tokenId: null, label: 'test' },
    });
    addSubscribers(handle.sqlite, [{ id: 'sub_m', channel: 'webhook', address: receiver.url }]);
    handle.close();
    const r = await runCliInProcess(['notify', 'tick', '--now', '2026-11-20T12:00:00Z', '--json'], env);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.now).toBe('2026-11-20T12:00:00.000Z');
    expect(report.fannedOut).toEqual([{ eventId: expect.any(String), type: 'maintenance.scheduled' }]);
    expect(report.deliveries).toMatchObject([{ kind: 'subscriber', channel: 'webhook', outcome: 'delivered' }]);
    expect(receiver.received[0]?.json).toMatchObject({
      type: 'maintenance.scheduled',
      title: 'Database upgrade',
      window: { from: '2026-11-20T13:00:00.000Z', until: '2026-11-20T14:00:00.000Z' },
    });
    // The window's start has come: the tick moves it and its subscribers hear it.
    const started = await runCliInProcess(['notify', 'tick', '--now', '2026-11-20T13:30:00Z', '--json'], env);
    expect(started.status).toBe(0);
    expect(JSON.parse(started.stdout).maintenance).toEqual([
      { maintenanceId: expect.stringMatching(/^mnt_/), type: 'maintenance.started' },
    ]);
    expect(receiver.received.map((r) => r.json?.type)).toEqual(['maintenance.scheduled', 'maintenance.started']);
    const bad = await runCliInProcess(['notify', 'tick', '--now', 'tomorrow'], env);
    expect(bad.status).toBe(2);
  });
});

describe('the public data version', () => {
  it('moves with public writes only: creating a token, a subscriber or a lexicon entry leaves ETag, Last-Modified and updated_at alone', async () => {
    const w = world();
    const admin = await w.token('admin');
    w.clock.advance(60_000);
    await w.call('POST', '/api/v1/components', { token: admin, body: { name: 'API' } });
    const page = async () => {
      const home = await w.app.request('/');
      const json = await w.call('GET', '/api/v2/summary.json');
      return {
        version: await w.deps.store.public.version(),
        // W/"<data version>-<hash of the bytes>": the bytes also follow the clock (uptime bars), the version does not.
        etagVersion: home.headers.get('etag')?.split('-')[0],
        lastModified: home.headers.get('last-modified'),
        updatedAt: json.json.page.updated_at,
      };
    };
    const before = await page();
    w.clock.advance(3_600_000);
    await w.token('incidents:write');
    await w.call('PUT', '/api/v1/lexicon', { token: admin, body: { employees: ['Dana Scully'] } });
    expect((await w.call('GET', '/api/v1/lexicon', { token: admin })).json.employees).toEqual(['Dana Scully']);
    await w.deps.store.subscribers.create(
      {
        id: 'sub_x',
        channel: 'email',
        address: 'a@example.test',
        status: 'pending',
        everything: true,
        maintenance: true,
        targets: [],
        createdAt: w.clock(),
        updatedAt: w.clock(),
        confirmedAt: null,
      },
      { id: 'ntf_x', dedupeKey: 'confirm:sub_x:1', type: 'subscription.confirm', payload: {} },
      {
        actor: { tokenId: null, label: 'test' },
        action: 'subscriber.create',
        targetType: 'subscriber',
        targetId: 'sub_x',
        at: w.clock(),
      },
    );
    expect(await page()).toEqual(before);

    w.clock.advance(60_000);
    await w.call('POST', '/api/v1/components', { token: admin, body: { name: 'Checkout' } });
    const after = await page();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.etagVersion).not.toBe(before.etagVersion);
    expect(after.updatedAt).toBe(new Date(w.clock()).toISOString());
  });
});
