// /api/v1/sla: the 48-hour publication clocks, their alerts, dead-letter retry and the SLA settings.
import { Hono } from 'hono';
import * as z from 'zod';
import { safeOrigin } from '../../alerts/deliver';
import { SLA_STATES } from '../../core/sla/clock';
import { slaSettingsInput } from '../../core/sla/settings';
import type { SlaAlertRecord } from '../../db/store/sla';
import { getSlaSettings, putSlaSettings } from '../../services/sla-settings';
import { getIncidentSla, listSlaClocks, retrySlaAlert, type SlaClockView } from '../../services/sla-status';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { needs } from '../middleware/auth';
import { iso } from '../present';
import { validate } from '../validate';

/** Webhook URLs are shown by origin only: their paths are often credentials (Slack's are). */
function presentTarget(a: SlaAlertRecord): string {
  return a.channel === 'email' ? a.target : a.channel === 'none' ? '' : safeOrigin(a.target);
}

export function presentSlaAlert(a: SlaAlertRecord) {
  return {
    alertId: a.id,
    incidentId: a.incidentId,
    checkpoint: a.checkpoint,
    type: a.type,
    channel: a.channel,
    target: presentTarget(a),
    status: a.status,
    attempts: a.attempts,
    nextAttemptAt: a.status === 'pending' ? iso(a.nextAttemptAt) : null,
    lastError: a.lastError,
    createdAt: iso(a.createdAt),
    deliveredAt: iso(a.deliveredAt),
  };
}

export function presentSlaClock(v: SlaClockView) {
  const count = (status: SlaAlertRecord['status']) => v.alerts.filter((a) => a.status === status).length;
  return {
    incidentId: v.incident.id,
    incidentTitle: v.incident.title,
    severity: v.incident.severity,
    startedAt: iso(v.incident.startedAt),
    required: v.clock.required,
    deadline: iso(v.clock.deadline),
    state: v.clock.state,
    secondsLeft: v.clock.secondsLeft,
    publishedAt: iso(v.incident.publishedAt),
    alertsSent: count('delivered'),
    alertsPending: count('pending'),
    alertsDead: count('dead'),
    alerts: v.alerts.map(presentSlaAlert),
  };
}

const listQuery = z.strictObject({
  state: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(SLA_STATES)))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const slaRoutes = new Hono<AppEnv>()
  .get('/sla', validate('query', listQuery), async (c) => {
    const { state, limit } = c.req.valid('query');
    const clocks = await listSlaClocks({ deps: c.get('deps'), states: state, limit });
    return c.json({ clocks: clocks.map(presentSlaClock) });
  })
  .get('/incidents/:id/sla', async (c) => {
    const view = await getIncidentSla({ deps: c.get('deps'), incidentId: c.req.param('id') });
    return c.json(presentSlaClock(view));
  })
  .post('/sla/alerts/:id/retry', needs('admin'), async (c) => {
    const alert = await retrySlaAlert({
      deps: c.get('deps'),
      alertId: c.req.param('id'),
      actor: actorOf(c.get('token')),
    });
    return c.json(presentSlaAlert(alert), 202);
  })
  // Admin only: the fallback channel may be a webhook URL whose path is a credential.
  .get('/sla/settings', needs('admin'), async (c) => c.json(await getSlaSettings({ deps: c.get('deps') })))
  .put('/sla/settings', needs('admin'), validate('json', slaSettingsInput), async (c) => {
    const settings = await putSlaSettings({
      deps: c.get('deps'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json(settings);
  });
