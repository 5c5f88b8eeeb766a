// Maintenance windows on workerd + D1: the cron tick moves a window whose time has come and raises
// maintenance.started / maintenance.completed in the same D1 batch, once, however many crons overlap.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import { adminToken, api } from './d1';

async function cron(at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '*/5 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function state(id: string) {
  const { results } = await env.DB.prepare(
    'select type, occurred_at from domain_events where subject_id = ? order by occurred_at, type',
  )
    .bind(id)
    .all<{ type: string; occurred_at: number }>();
  const row = await env.DB.prepare('select status from maintenances where id = ?').bind(id).first<{ status: string }>();
  const audit = await env.DB.prepare(`select action from audit_log where target_id = ? and actor = 'system:clock'`)
    .bind(id)
    .all<{ action: string }>();
  return { events: results.map((r) => r.type), status: row?.status, clockAudit: audit.results.length };
}

describe('maintenance windows on the cron tick (D1)', () => {
  it('overlapping crons raise maintenance.started once at the start and maintenance.completed once at the end', async () => {
    const start = Date.now() + 60_000;
    const end = start + 3_600_000;
    const res = await api(await adminToken(), 'POST', '/maintenances', {
      title: 'Cache migration',
      scheduledFor: new Date(start).toISOString(),
      scheduledUntil: new Date(end).toISOString(),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    await cron(start - 1_000);
    expect(await state(id)).toEqual({ events: ['maintenance.scheduled'], status: 'scheduled', clockAudit: 0 });

    await Promise.all([cron(start + 5_000), cron(start + 5_000), cron(start + 6_000)]);
    expect(await state(id)).toEqual({
      events: ['maintenance.scheduled', 'maintenance.started'],
      status: 'in_progress',
      clockAudit: 1,
    });

    await Promise.all([cron(end + 1_000), cron(end + 2_000)]);
    await cron(end + 300_000);
    expect(await state(id)).toEqual({
      events: ['maintenance.scheduled', 'maintenance.started', 'maintenance.completed'],
      status: 'completed',
      clockAudit: 2,
    });
    const { results } = await env.DB.prepare(
      `select occurred_at from domain_events where subject_id = ? and type != 'maintenance.scheduled' order by occurred_at`,
    )
      .bind(id)
      .all<{ occurred_at: number }>();
    expect(results.map((r) => r.occurred_at)).toEqual([start, end]);
  });
});
