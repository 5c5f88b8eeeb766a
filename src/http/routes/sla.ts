// /api/v1/sla: the 48-hour publication clocks, their alerts, dead-letter retry and the SLA settings.

import { commaList } from '../../core/inputs';
import { SLA_STATES } from '../../core/sla/clock';
import { slaSettingsInput } from '../../core/sla/settings';
import * as z from '../../core/zod';
import { getSlaSettings, putSlaSettings } from '../../services/sla-settings';
import { getIncidentSla, listSlaClocks, retrySlaAlert } from '../../services/sla-status';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { presentSlaAlert, presentSlaClock } from '../present-sla';
import { validate } from '../validate';

export const listQuery = z.strictObject({
  state: z.optional(z.pipe(commaList, z.array(z.enum(SLA_STATES)))),
  limit: z._default(z.coercedNumber().check(z.int(), z.minimum(1), z.maximum(500)), 100),
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
