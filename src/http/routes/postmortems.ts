// /api/v1/incidents/:id/postmortem: the internal postmortem's deadline and its recorded link.

import { postmortemLinkInput } from '../../core/sla/postmortem-settings';
import { getIncidentPostmortem, recordPostmortemLink } from '../../services/postmortem-deadline';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { presentIncidentPostmortem } from '../present-postmortem';
import { validate } from '../validate';

export const postmortemRoutes = new Hono<AppEnv>()
  .get('/incidents/:id/postmortem', async (c) => {
    const view = await getIncidentPostmortem({ deps: c.get('deps'), incidentId: c.req.param('id') });
    return c.json(presentIncidentPostmortem(view));
  })
  .put('/incidents/:id/postmortem', needs('incidents:write'), validate('json', postmortemLinkInput), async (c) => {
    const { changed, ...view } = await recordPostmortemLink({
      deps: c.get('deps'),
      incidentId: c.req.param('id'),
      url: c.req.valid('json').url,
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentIncidentPostmortem(view), changed });
  });
