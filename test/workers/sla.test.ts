// The SLA tick inside workerd against D1, through the Worker's own `scheduled` handler.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import { adminToken, api } from './d1';

const H = 3_600_000;

/** Fires the cron handler as Cloudflare would at `scheduledTime`, and waits for its waitUntil work. */
async function cron(scheduledTime: number, extra: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  // The signing secret is a Worker secret in production; here it is handed to the handler directly.
  const secret = ['workerd', 'test', 'secret'].join('-');
  await worker.scheduled(
    createScheduledController({ scheduledTime, cron: '*/5 * * * *' }),
    { ...env, AFTERWORD_WEBHOOK_SECRET: secret, ...extra },
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

interface Row {
  id: string;
  checkpoint: string;
  type: string;
  channel: string;
  status: string;
  attempts: number;
  last_error: string | null;
  payload: string;
}

async function outbox(incidentId: string): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    'select id, checkpoint, type, channel, status, attempts, last_error, payload from notifications where incident_id = ? order by created_at, channel',
  )
    .bind(incidentId)
    .all<Row>();
  return results;
}

describe('the SLA tick on workerd + D1', () => {
  it('queues each checkpoint once through scheduled, records failed attempts, and publication stops the clock', async () => {
    const token = await adminToken();
    const start = Math.floor(Date.now() / 1000) * 1000 - H;
    const res = await api(token, 'POST', '/incidents', {
      title: 'Edge errors',
      severity: 'SEV-1',
      startedAt: new Date(start).toISOString(),
      // Nothing listens inside workerd: port 9 refuses, so delivery fails and is retried.
      lead: { name: 'Dana', email: 'dana@example.test', webhookUrl: 'http://127.0.0.1:9/hook' },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const clock = (await (await api(token, 'GET', `/incidents/${id}/sla`)).json()) as Record<string, unknown>;
    expect(clock).toMatchObject({ required: true, state: 'pending', deadline: new Date(start + 48 * H).toISOString() });

    await cron(start + 23 * H);
    expect(await outbox(id)).toEqual([]);

    await cron(start + 24 * H);
    await cron(start + 24 * H); // the same instant again adds nothing
    let rows = await outbox(id);
    expect(rows.map((r) => [r.checkpoint, r.type, r.channel, r.status, r.attempts])).toEqual([
      ['T-24h', 'sla.checkpoint', 'email', 'pending', 1],
      ['T-24h', 'sla.checkpoint', 'webhook', 'pending', 1],
    ]);
    const byChannel = Object.fromEntries(rows.map((r) => [r.channel, r]));
    expect(byChannel.email?.last_error).toContain('SLA_EMAIL binding');
    expect(byChannel.webhook?.last_error).toMatch(/^request to http:\/\/127\.0\.0\.1:9 failed|^HTTP 5\d\d from/);
    const payload = JSON.parse(byChannel.webhook?.payload ?? '{}');
    expect(payload).toMatchObject({
      alertId: byChannel.webhook?.id,
      type: 'sla.checkpoint',
      checkpoint: 'T-24h',
      incidentId: id,
      incidentTitle: 'Edge errors',
      secondsLeft: 24 * 3600,
      state: 'pending',
    });

    // A backdated jump: only the latest checkpoint (the breach) is queued, the missed ones are not.
    await cron(start + 49 * H);
    rows = await outbox(id);
    expect(rows.map((r) => r.checkpoint)).toEqual(['T-24h', 'T-24h', 'deadline', 'deadline']);
    expect(rows.filter((r) => r.checkpoint === 'T-24h').every((r) => r.attempts === 2)).toBe(true);

    // Published: the next cron settles the clock, cancels the reminders and queues the confirmation.
    await env.DB.batch([
      env.DB.prepare(
        `insert into summary_versions (id, incident_id, version, markdown, ok, words, findings, created_at, created_by)
         values (?, ?, 1, 'Sorry.', 1, 1, '[]', ?, 'test')`,
      ).bind(`sv_${id}`, id, start + 50 * H),
      env.DB.prepare(
        `insert into summary_publications (id, incident_id, version, summary_version_id, published_at, published_by)
         values (?, ?, 1, ?, ?, 'test')`,
      ).bind(`sp_${id}`, id, `sv_${id}`, start + 50 * H),
    ]);
    await cron(start + 51 * H);
    rows = await outbox(id);
    const summary = rows.map((r) => [r.checkpoint, r.status]);
    expect(summary.filter(([c]) => c !== 'met').every(([, s]) => s === 'cancelled')).toBe(true);
    expect(rows.filter((r) => r.checkpoint === 'met').map((r) => [r.type, r.channel])).toEqual([
      ['sla.met', 'email'],
      ['sla.met', 'webhook'],
    ]);
    expect(JSON.parse(rows.find((r) => r.checkpoint === 'met')?.payload ?? '{}')).toMatchObject({
      state: 'met_late',
      secondsLeft: -2 * 3600,
    });

    await cron(start + 200 * H);
    expect((await outbox(id)).filter((r) => r.checkpoint.startsWith('overdue'))).toEqual([]);

    const after = (await (await api(token, 'GET', `/incidents/${id}/sla`)).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ state: 'met_late', alertsPending: 2 });
    const list = (await (await api(token, 'GET', '/sla')).json()) as { clocks: { incidentId: string }[] };
    expect(list.clocks.map((c) => c.incidentId)).toContain(id);
  });

  it('sends email alerts through a send_email binding: accepted for a verified recipient, refused and retried for another', async () => {
    const token = await adminToken();
    const start = Math.floor(Date.now() / 1000) * 1000 - H;
    const incident = async (title: string, email: string) => {
      const res = await api(token, 'POST', '/incidents', {
        title,
        severity: 'SEV-1',
        startedAt: new Date(start).toISOString(),
        lead: { name: 'Dana', email },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const verified = await incident('Édge errors — EU', 'dana@example.test');
    const unverified = await incident('Queue backlog', 'someone@elsewhere.test');

    const email = { SLA_EMAIL: env.TEST_SLA_EMAIL, AFTERWORD_EMAIL_FROM: 'Status <status@example.test>' };
    await cron(start + 24 * H, email);
    // The simulator parsed the message (MIME, Message-ID, From matching the envelope) and accepted it.
    expect((await outbox(verified)).map((r) => [r.checkpoint, r.channel, r.status, r.attempts, r.last_error])).toEqual([
      ['T-24h', 'email', 'delivered', 1, null],
    ]);
    const [refused] = await outbox(unverified);
    expect([refused?.channel, refused?.status, refused?.attempts]).toEqual(['email', 'pending', 1]);
    // Fixed text and the recipient's domain only: never the exception's own words.
    expect(refused?.last_error).toBe(
      'email to a recipient at elsewhere.test failed: the mail service refused the sender or recipient (not allowed)',
    );

    // A sender the binding does not allow is refused too, and nothing is marked delivered.
    const other = await incident('Login failures', 'dana@example.test');
    await cron(start + 24 * H, { ...email, AFTERWORD_EMAIL_FROM: 'Ops <ops@example.test>' });
    const [wrongSender] = await outbox(other);
    expect([wrongSender?.status, wrongSender?.last_error]).toEqual(['pending', expect.stringContaining('not allowed')]);
  });
});
