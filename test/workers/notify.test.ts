// Notifications on workerd + D1: the cron tick fans events out and attempts delivery in its slice, and
// the optional queue consumer fans out and hands the due rows on in batches, then delivers a batch.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker, { type NotifyMessage } from '../../src/worker';
import { adminToken, api } from './d1';

/** Nothing listens on port 9: every attempt fails fast and is recorded (fixed text, origin only). */
const DEAD_END = 'http://127.0.0.1:9/hook';

async function subscribers(prefix: string, n: number) {
  for (let i = 0; i < n; i++) {
    await env.DB.prepare(
      `insert into subscribers (id, channel, address, status, everything, maintenance, created_at, updated_at, confirmed_at)
       values (?, 'webhook', ?, 'confirmed', 1, 1, 0, 0, 0)`,
    )
      .bind(`sub_${prefix}${String.fromCharCode(97 + i).repeat(16 - prefix.length)}`, `${DEAD_END}?s=${prefix}${i}`)
      .run();
  }
}

async function openIncident(title: string): Promise<string> {
  const res = await api(await adminToken(), 'POST', '/incidents', {
    title,
    severity: 'SEV-1',
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    lead: { name: 'Lee' },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function rows(eventType: string) {
  const { results } = await env.DB.prepare(
    `select n.id, n.status, n.attempts, n.last_error from notifications n join domain_events e on e.id = n.event_id
     where e.type = ? order by n.id`,
  )
    .bind(eventType)
    .all<{ id: string; status: string; attempts: number; last_error: string | null }>();
  return results;
}

describe('notifications on workerd', () => {
  it('the cron tick fans a new incident out to every subscriber and records each attempt', async () => {
    await subscribers('c', 3);
    await openIncident('Cron fan-out');
    const ctx = createExecutionContext();
    const secret = ['workerd', 'test', 'secret'].join('-');
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '*/5 * * * *' }),
      { ...env, AFTERWORD_WEBHOOK_SECRET: secret },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const created = await rows('incident.created');
    expect(created.length).toBeGreaterThanOrEqual(3);
    for (const r of created) {
      expect([r.status, r.attempts]).toEqual(['pending', 1]);
      expect(r.last_error).toMatch(/^request to http:\/\/127\.0\.0\.1:9 failed: /);
    }
  });

  it('the queue consumer fans out, sends the due rows on in batches, and delivers a batch', async () => {
    await subscribers('q', 2);
    await openIncident('Queue fan-out');
    const sent: NotifyMessage[] = [];
    const producer = {
      send: async (body: NotifyMessage) => void sent.push(body),
      sendBatch: async (msgs: Iterable<{ body: NotifyMessage }>) => void sent.push(...[...msgs].map((m) => m.body)),
    } as unknown as Queue<NotifyMessage>;
    const secret = ['workerd', 'test', 'secret'].join('-');
    const queueEnv = { ...env, NOTIFY_QUEUE: producer, AFTERWORD_WEBHOOK_SECRET: secret };

    const fanout = createMessageBatch<NotifyMessage>('afterword-notify', [
      { id: 'm1', timestamp: new Date(), attempts: 1, body: { t: 'fanout' } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(fanout, queueEnv);
    const result = await getQueueResult(fanout, ctx);
    expect(result.explicitAcks).toEqual(['m1']);
    const pending = (await rows('incident.created')).filter((r) => r.attempts === 0);
    expect(pending.length).toBeGreaterThanOrEqual(2);
    const delivered = sent.flatMap((m) => (m.t === 'deliver' ? m.ids : []));
    for (const r of pending) expect(delivered).toContain(r.id);

    const deliver = createMessageBatch<NotifyMessage>('afterword-notify', [
      { id: 'm2', timestamp: new Date(), attempts: 1, body: { t: 'deliver', ids: pending.map((r) => r.id) } },
    ]);
    const ctx2 = createExecutionContext();
    await worker.queue(deliver, queueEnv);
    expect((await getQueueResult(deliver, ctx2)).explicitAcks).toEqual(['m2']);
    const after = (await rows('incident.created')).filter((r) => pending.some((p) => p.id === r.id));
    expect(after.every((r) => r.attempts === 1 && r.last_error?.startsWith('request to http://127.0.0.1:9'))).toBe(
      true,
    );
  });
});
