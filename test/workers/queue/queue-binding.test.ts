// Notifications through a real Queues binding (miniflare's local queue, not a fake): each write sends
// "fan out" from its waitUntil, the Worker's consumer fans the events out and hands the due rows on in
// "deliver" batches, and a local HTTP receiver gets exactly one delivery per notification id, even
// when fan-out and deliver messages arrive twice.
import { env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import type { NotifyMessage } from '../../../src/worker';
import { adminToken, api } from '../d1';
import type { Received } from './receiver';

const receiverUrl = inject('receiverUrl');

async function received(): Promise<Received[]> {
  return (await (await fetch(`${receiverUrl}/received`)).json()) as Received[];
}

async function outbox() {
  const { results } = await env.DB.prepare(
    `select n.id, n.status, n.type, n.subscriber_id from notifications n where n.kind = 'subscriber' order by n.id`,
  ).all<{ id: string; status: string; type: string; subscriber_id: string }>();
  return results;
}

describe('notifications through a real queue binding', () => {
  it('write -> queue -> consumer -> receiver: every notification delivered once per id', async () => {
    const queue = (env as unknown as { NOTIFY_QUEUE?: Queue<NotifyMessage> }).NOTIFY_QUEUE;
    expect(queue).toBeDefined();
    const subs = ['s1', 's2', 's3'];
    const add = (id: string, channel: string, address: string) =>
      env.DB.prepare(
        `insert into subscribers (id, channel, address, status, everything, maintenance, created_at, updated_at, confirmed_at)
         values (?, ?, ?, 'confirmed', 1, 1, 0, 0, 0)`,
      )
        .bind(id, channel, address)
        .run();
    for (const s of subs) await add(`sub_${s}`, 'webhook', `${receiverUrl}/hooks/${s}`);
    // Slack hears of an edit of the latest update, not of a retraction (webhooks hear both).
    await add('sub_chat', 'slack', `${receiverUrl}/slack/chat`);
    const token = await adminToken();
    const created = await api(token, 'POST', '/incidents', {
      title: 'Queue delivery',
      severity: 'SEV-1',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      lead: { name: 'Lee' },
      message: 'Some requests fail.',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const posted = await api(token, 'POST', `/incidents/${id}/updates`, {
      status: 'identified',
      body: 'We found teh cause.',
    });
    expect(posted.status).toBe(201);
    const update = (await posted.json()) as { id: string };
    expect(
      (await api(token, 'PATCH', `/incidents/${id}/updates/${update.id}`, { body: 'We found the cause.' })).status,
    ).toBe(200);
    const timeline = (await (await api(token, 'GET', `/incidents/${id}/updates`)).json()) as {
      updates: { id: string }[];
    };
    const first = timeline.updates[0]!.id;
    expect((await api(token, 'DELETE', `/incidents/${id}/updates/${first}`)).status).toBe(204);
    // Messages arrive twice in real life (at-least-once): a second fan-out and a repeat of every
    // deliver batch must send nothing twice.
    await queue!.send({ t: 'fanout' });

    // created, updated and update_edited to every subscriber; update_retracted to the webhooks only.
    const expected = 3 * (subs.length + 1) + subs.length;
    const deadline = Date.now() + 45_000;
    let rows = await outbox();
    let resent = false;
    while (Date.now() < deadline) {
      rows = await outbox();
      if (!resent && rows.length === expected) {
        await queue!.send({ t: 'deliver', ids: rows.map((r) => r.id) });
        resent = true;
      }
      if (resent && rows.length === expected && rows.every((r) => r.status === 'delivered')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(rows.map((r) => r.status)).toEqual(Array(expected).fill('delivered'));
    // Let any stray repeat run out before counting what the receiver got.
    await new Promise((r) => setTimeout(r, 2_500));

    const hooks = (await received()).filter((r) => r.path.startsWith('/hooks/'));
    const perId = new Map<string, number>();
    for (const h of hooks) perId.set(h.notificationId ?? 'none', (perId.get(h.notificationId ?? 'none') ?? 0) + 1);
    expect([...perId.keys()].sort()).toEqual(
      rows
        .filter((r) => r.subscriber_id !== 'sub_chat')
        .map((r) => r.id)
        .sort(),
    );
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    expect(hooks.every((h) => h.signed)).toBe(true);
    const types = hooks.map((h) => h.type).sort();
    expect(types).toEqual(
      ['incident.created', 'incident.update_edited', 'incident.update_retracted', 'incident.updated'].flatMap((t) =>
        Array(subs.length).fill(t),
      ),
    );
    const edit = hooks.find((h) => h.type === 'incident.update_edited')?.body as Record<string, unknown>;
    expect(edit).toMatchObject({ updateId: update.id, message: 'We found the cause.', incidentId: id });
    const retract = hooks.find((h) => h.type === 'incident.update_retracted')?.body as Record<string, unknown>;
    expect(retract).toMatchObject({ updateId: first, message: null, incidentId: id });
    const chat = (await received()).filter((r) => r.path.startsWith('/slack/'));
    expect(chat).toHaveLength(3);
    expect(
      rows
        .filter((r) => r.subscriber_id === 'sub_chat')
        .map((r) => r.type)
        .sort(),
    ).toEqual(['incident.created', 'incident.update_edited', 'incident.updated']);
  });
});
