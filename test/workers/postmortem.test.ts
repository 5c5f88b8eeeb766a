// The internal postmortem's clock inside workerd against D1 (issue 14), through the Worker's own
// `scheduled` handler: business days with a holiday, each checkpoint once (also when two cron
// invocations overlap), the link's bad input, linking stops the clock, and the link stays internal.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import { adminToken, api, browse } from './d1';

async function cron(iso: string) {
  const ctx = createExecutionContext();
  const secret = ['workerd', 'test', 'secret'].join('-'); // a Worker secret in production
  await worker.scheduled(
    createScheduledController({ scheduledTime: Date.parse(iso), cron: '*/5 * * * *' }),
    { ...env, AFTERWORD_WEBHOOK_SECRET: secret },
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

async function outbox(incidentId: string) {
  const { results } = await env.DB.prepare(
    "select checkpoint, type, channel, status, payload from notifications where incident_id = ? and type like 'postmortem.%' order by created_at, checkpoint",
  )
    .bind(incidentId)
    .all<{ checkpoint: string; type: string; channel: string; status: string; payload: string }>();
  return results;
}

describe('the postmortem clock on workerd + D1', () => {
  it('counts business days past a holiday, reminds once per checkpoint, and stops when the link is recorded', async () => {
    const token = await adminToken('pm-clock');
    const put = await api(token, 'PUT', '/sla/settings', {
      postmortem: { holidays: ['2026-11-11'], resolvedWaitsForPostmortem: true },
    });
    expect(put.status).toBe(200);
    const created = await api(token, 'POST', '/incidents', {
      title: 'Edge cache misses',
      severity: 'SEV-2',
      status: 'resolved',
      startedAt: '2026-11-06T13:00:00Z',
      resolvedAt: '2026-11-06T15:00:00Z', // a Friday
      // Nothing listens inside workerd: port 9 refuses, so delivery fails and the row stays pending.
      lead: { name: 'Dana', webhookUrl: 'http://127.0.0.1:9/hook' },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // Mon 9, Tue 10, (Wed 11 holiday), Thu 12, Fri 13, (weekend), Mon 16: due by the end of Monday.
    const clock = (await (await api(token, 'GET', `/incidents/${id}/postmortem`)).json()) as Record<string, unknown>;
    expect(clock).toMatchObject({ required: true, dueAt: '2026-11-17T00:00:00.000Z', document: null });
    const shown = (await (await api(token, 'GET', `/incidents/${id}`)).json()) as Record<string, unknown>;
    expect(shown).toMatchObject({ status: 'resolved', statusLabel: 'resolved · postmortem pending' });

    await cron('2026-11-14T23:59:00Z');
    expect(await outbox(id)).toEqual([]);
    await cron('2026-11-15T00:00:00Z');
    await cron('2026-11-15T00:00:00Z');
    await Promise.all([cron('2026-11-16T20:00:00Z'), cron('2026-11-16T20:00:00Z')]);
    const rows = await outbox(id);
    expect(rows.map((r) => [r.checkpoint, r.type, r.channel, r.status])).toEqual([
      ['postmortem-T-48h', 'postmortem.checkpoint', 'webhook', 'pending'],
      ['postmortem-T-4h', 'postmortem.checkpoint', 'webhook', 'pending'],
    ]);
    expect(JSON.parse(rows[1]?.payload ?? '{}')).toMatchObject({
      type: 'postmortem.checkpoint',
      incidentId: id,
      deadline: '2026-11-17T00:00:00.000Z',
      secondsLeft: 4 * 3600,
    });

    for (const url of ['ftp://files.example.com/pm.md', 'https://lee:pw@wiki.example.com/pm', 'not a url']) {
      const bad = await api(token, 'PUT', `/incidents/${id}/postmortem`, { url });
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(((await bad.json()) as { code: string }).code).toBe('validation_failed');
    }
    expect((await (await api(token, 'GET', `/incidents/${id}/postmortem`)).json()) as unknown).toMatchObject({
      document: null,
    });

    const marker = 'zz-internal-doc-marker';
    const doc = `https://wiki.example.com/${marker}/edge-cache`;
    const linked = await api(token, 'PUT', `/incidents/${id}/postmortem`, { url: doc });
    expect(linked.status).toBe(200);
    expect(await linked.json()).toMatchObject({ changed: true, statusLabel: 'resolved', document: { url: doc } });
    expect((await outbox(id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    await cron('2026-11-20T00:00:00Z');
    expect((await outbox(id)).map((r) => r.checkpoint)).toEqual(['postmortem-T-48h', 'postmortem-T-4h']);
    const again = await api(token, 'PUT', `/incidents/${id}/postmortem`, { url: doc });
    expect(await again.json()).toMatchObject({ changed: false });

    for (const path of ['/', `/incidents/${id}`, '/history', '/history.atom', '/api/v2/incidents.json']) {
      const res = await browse(path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toContain(marker);
      expect(text, path).not.toContain('postmortem pending');
    }
  });
});
