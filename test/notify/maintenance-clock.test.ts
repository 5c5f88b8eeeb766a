// Maintenance windows move along when their time comes: the notify tick stores the status the page
// already shows (in_progress at the start, completed at the end) and raises maintenance.started /
// maintenance.completed in the same batch, exactly once, whoever else ticks or edits at the same time.
import { afterEach, describe, expect, it } from 'vitest';
import { maintenanceClockEvent } from '../../src/core/events';
import { newId } from '../../src/lib/id';
import { tickNotify } from '../../src/services/notify-tick';
import { startServer, tempDbPath } from '../helpers/processes';
import { addSubscribers } from '../helpers/subscribers';
import { createWorld, T0, TEST_WEBHOOK_SECRET, type World } from '../helpers/world';
import { startReceiver } from '../sla/helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MIN = 60_000;
const START = T0 + 60 * MIN;
const END = T0 + 120 * MIN;

async function setUp() {
  const w: World = createWorld();
  cleanups.push(w.close);
  const admin = await w.token('admin');
  const receiver = await startReceiver({ now: w.clock });
  cleanups.push(receiver.close);
  addSubscribers(w.handle.sqlite, [{ id: 'sub_hook', channel: 'webhook', address: receiver.url, at: T0 }]);
  const created = await w.call('POST', '/api/v1/maintenances', {
    token: admin,
    body: {
      title: 'Database upgrade',
      body: 'Writes pause for a few minutes.',
      scheduledFor: new Date(START).toISOString(),
      scheduledUntil: new Date(END).toISOString(),
    },
  });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  const events = () =>
    (
      w.handle.sqlite.prepare('select type from domain_events where subject_id = ? order by occurred_at').all(id) as {
        type: string;
      }[]
    ).map((e) => e.type);
  const stored = () =>
    w.handle.sqlite.prepare('select status, updated_at from maintenances where id = ?').get(id) as {
      status: string;
      updated_at: number;
    };
  const tickAt = (at: number) => {
    w.clock.set(at);
    return tickNotify({ deps: w.deps, now: at });
  };
  return { w, admin, receiver, id, events, stored, tickAt };
}

describe('maintenance windows on the clock', () => {
  it('the tick raises started at the start and completed at the end, once each, with the status the page and API show', async () => {
    const { w, admin, receiver, id, events, stored, tickAt } = await setUp();

    await tickAt(START - MIN);
    expect(events()).toEqual(['maintenance.scheduled']);
    expect(stored().status).toBe('scheduled');

    const first = await tickAt(START + 5 * MIN);
    expect(first.maintenance).toEqual([{ maintenanceId: id, type: 'maintenance.started' }]);
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.started']);
    expect(stored().status).toBe('in_progress');
    const api = await w.call('GET', `/api/v1/maintenances/${id}`, { token: admin });
    expect(api.json.status).toBe('in_progress');
    const v2 = await w.call('GET', '/api/v2/summary.json');
    expect(v2.json.scheduled_maintenances).toMatchObject([{ id, status: 'in_progress' }]);

    // Later ticks inside the window raise nothing more.
    expect((await tickAt(START + 10 * MIN)).maintenance).toEqual([]);
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.started']);

    const last = await tickAt(END + 3 * MIN);
    expect(last.maintenance).toEqual([{ maintenanceId: id, type: 'maintenance.completed' }]);
    expect(stored()).toEqual({ status: 'completed', updated_at: END });
    expect((await tickAt(END + 10 * MIN)).maintenance).toEqual([]);
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.started', 'maintenance.completed']);
    const all = await w.call('GET', '/api/v2/scheduled-maintenances.json');
    expect(all.json.scheduled_maintenances).toMatchObject([
      { id, status: 'completed', resolved_at: new Date(END).toISOString() },
    ]);

    // The subscriber heard each step once, at the instant it happened, with the status it moved to.
    const bodies = receiver.received.map((r) => r.json);
    expect(bodies.map((b) => [b.type, b.status, b.occurredAt])).toEqual([
      ['maintenance.scheduled', 'scheduled', new Date(T0).toISOString()],
      ['maintenance.started', 'in_progress', new Date(START).toISOString()],
      ['maintenance.completed', 'completed', new Date(END).toISOString()],
    ]);
    expect(new Set(bodies.map((b) => b.notificationId)).size).toBe(3);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    const audit = w.handle.sqlite
      .prepare(`select actor, action from audit_log where target_id = ? and actor = 'system:clock' order by at`)
      .all(id);
    expect(audit).toEqual([
      { actor: 'system:clock', action: 'maintenance.start' },
      { actor: 'system:clock', action: 'maintenance.complete' },
    ]);
  });

  it('overlapping ticks raise the event once: the move, its event and its audit entry share one condition', async () => {
    const { w, id, events, tickAt } = await setUp();
    w.clock.set(START + MIN);
    const reports = await Promise.all([tickAt(START + MIN), tickAt(START + MIN), tickAt(START + MIN)]);
    expect(reports.flatMap((r) => r.maintenance)).toEqual([{ maintenanceId: id, type: 'maintenance.started' }]);
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.started']);

    // Two ticks that both read the window before either moved it: the second writes nothing.
    w.clock.set(END + MIN);
    const [found] = await w.deps.store.maintenances.overtakenBy(END + MIN);
    expect(found?.id).toBe(id);
    const move = () =>
      w.deps.store.maintenances.advance({
        id,
        to: 'completed',
        at: END + MIN,
        event: maintenanceClockEvent(newId('evt'), found!, 'completed', w.deps.config.publicUrl),
        audit: {
          actor: { tokenId: null, label: 'system:clock' },
          action: 'maintenance.complete',
          targetType: 'maintenance',
          targetId: id,
          at: END + MIN,
        },
      });
    expect(await move()).toBe(true);
    expect(await move()).toBe(false);
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.started', 'maintenance.completed']);
    const audits = w.handle.sqlite
      .prepare(`select count(*) as n from audit_log where target_id = ? and action = 'maintenance.complete'`)
      .get(id);
    expect(audits).toEqual({ n: 1 });
  });

  it('a status a person set first has raised its event already: the tick does not raise it again', async () => {
    const { w, admin, id, events, tickAt } = await setUp();
    w.clock.set(START + MIN);
    const patched = await w.call('PATCH', `/api/v1/maintenances/${id}`, {
      token: admin,
      body: { status: 'in_progress' },
    });
    expect(patched.status).toBe(200);
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.started']);
    expect((await tickAt(START + 2 * MIN)).maintenance).toEqual([]);
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.started']);

    // A person who read the window before the tick moved it raises nothing for the same move.
    const stale = (await w.deps.store.maintenances.get(id))!;
    expect(stale.status).toBe('in_progress');
    await tickAt(END + MIN);
    await w.deps.store.maintenances.save(
      { ...stale, status: 'completed', updatedAt: END + MIN },
      false,
      {
        actor: { tokenId: null, label: 'test' },
        action: 'maintenance.update',
        targetType: 'maintenance',
        targetId: id,
        at: END + MIN,
      },
      [maintenanceClockEvent(newId('evt'), stale, 'completed', w.deps.config.publicUrl)],
      stale.status,
    );
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.started', 'maintenance.completed']);
  });

  it('moving a window the clock has moved re-derives its status: postponed is scheduled again, extended runs again', async () => {
    const { w, admin, id, events, stored, tickAt } = await setUp();
    await tickAt(START + MIN);
    expect(stored().status).toBe('in_progress');
    const later = START + 24 * 60 * MIN;
    const postponed = await w.call('PATCH', `/api/v1/maintenances/${id}`, {
      token: admin,
      body: { scheduledFor: new Date(later).toISOString(), scheduledUntil: new Date(later + 60 * MIN).toISOString() },
    });
    expect(postponed.json.status).toBe('scheduled');
    const v2 = await w.call('GET', '/api/v2/scheduled-maintenances/upcoming.json');
    expect(v2.json.scheduled_maintenances).toMatchObject([{ id, status: 'scheduled' }]);
    // The new start is announced when it comes.
    expect((await tickAt(later + MIN)).maintenance).toEqual([{ maintenanceId: id, type: 'maintenance.started' }]);

    await tickAt(later + 61 * MIN);
    expect(stored().status).toBe('completed');
    const extended = await w.call('PATCH', `/api/v1/maintenances/${id}`, {
      token: admin,
      body: { scheduledUntil: new Date(later + 120 * MIN).toISOString() },
    });
    expect(extended.json.status).toBe('in_progress');
    expect((await tickAt(later + 121 * MIN)).maintenance).toEqual([
      { maintenanceId: id, type: 'maintenance.completed' },
    ]);
    expect(events()).toEqual([
      'maintenance.scheduled',
      'maintenance.started',
      'maintenance.started',
      'maintenance.completed',
      'maintenance.started',
      'maintenance.completed',
    ]);
  });

  it('a window first seen after it ended is completed without a late "started"', async () => {
    const { events, stored, tickAt } = await setUp();
    const report = await tickAt(END + MIN);
    expect(report.maintenance.map((m) => m.type)).toEqual(['maintenance.completed']);
    expect(events()).toEqual(['maintenance.scheduled', 'maintenance.completed']);
    expect(stored().status).toBe('completed');
  });

  it("the Node server's own tick moves a window whose time has come and tells its subscribers", async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const env = {
      DATABASE_PATH: tempDbPath(),
      AFTERWORD_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
    };
    const { nodeDeps } = await import('../../src/node-deps');
    const { createMaintenance } = await import('../../src/services/maintenances');
    const { deps, handle } = nodeDeps({ ...process.env, ...env });
    const now = Date.now();
    const m = await createMaintenance({
      deps,
      input: { title: 'Network work', scheduledFor: now - 60_000, scheduledUntil: now + 3_600_000 },
      actor: { tokenId: null, label: 'test' },
    });
    addSubscribers(handle.sqlite, [{ id: 'sub_n', channel: 'webhook', address: receiver.url }]);
    handle.close();
    const server = await startServer(env);
    cleanups.push(server.stop);
    // The server ticks once on start, then every 15 s.
    await receiver.waitFor(2);
    expect(receiver.received.map((r) => [r.json?.type, r.json?.maintenanceId]).sort()).toEqual([
      ['maintenance.scheduled', m.id],
      ['maintenance.started', m.id],
    ]);
    const api = await fetch(`${server.url}/api/v2/scheduled-maintenances/active.json`);
    expect(((await api.json()) as { scheduled_maintenances: { id: string }[] }).scheduled_maintenances).toMatchObject([
      { id: m.id, status: 'in_progress' },
    ]);
  });
});
