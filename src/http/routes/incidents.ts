// /api/v1/incidents and their updates

import {
  createIncidentInput,
  createUpdateInput,
  editUpdateInput,
  listIncidentsQuery,
  resolveIncidentInput,
  updateIncidentInput,
} from '../../core/inputs';
import type { Deps } from '../../services/deps';
import {
  createIncident,
  editIncidentUpdate,
  getIncident,
  listIncidents,
  listIncidentUpdates,
  postIncidentUpdate,
  resolveIncident,
  retractIncidentUpdate,
  updateIncident,
} from '../../services/incidents';
import { postmortemClocks } from '../../services/postmortem-deadline';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { presentIncident, presentUpdate } from '../present';
import { presentPostmortemClock } from '../present-postmortem';
import { validate } from '../validate';

const write = needs('incidents:write');

/** Adds the internal postmortem's deadline state, and the status as the team reads it ("resolved · postmortem pending"). */
async function withPostmortem<T extends { id: string; status: string }>(deps: Deps, incidents: T[]) {
  const clocks = await postmortemClocks({ deps, incidentIds: incidents.map((i) => i.id) });
  return incidents.map((i) => {
    const clock = clocks.get(i.id);
    return { ...i, statusLabel: clock?.label ?? i.status, postmortem: presentPostmortemClock(clock) };
  });
}

export const incidentRoutes = new Hono<AppEnv>()
  .get('/incidents', validate('query', listIncidentsQuery), async (c) => {
    const page = await listIncidents({ deps: c.get('deps'), query: c.req.valid('query') });
    return c.json({
      incidents: await withPostmortem(
        c.get('deps'),
        page.incidents.map((i) => presentIncident(i, c.get('token'))),
      ),
      nextCursor: page.nextCursor,
    });
  })
  .post('/incidents', write, validate('json', createIncidentInput), async (c) => {
    const incident = await createIncident({
      deps: c.get('deps'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentIncident(incident, c.get('token')), warnings: incident.warnings }, 201, {
      Location: `/api/v1/incidents/${incident.id}`,
    });
  })
  .get('/incidents/:id', async (c) => {
    const deps = c.get('deps');
    const incident = await getIncident({ deps, id: c.req.param('id') });
    const updates = await listIncidentUpdates({ deps, id: incident.id });
    const [shown] = await withPostmortem(deps, [presentIncident(incident, c.get('token'))]);
    return c.json({ ...shown, updates: updates.map(presentUpdate) });
  })
  .patch('/incidents/:id', write, validate('json', updateIncidentInput), async (c) => {
    const incident = await updateIncident({
      deps: c.get('deps'),
      id: c.req.param('id'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentIncident(incident, c.get('token')), warnings: incident.warnings });
  })
  .post('/incidents/:id/resolve', write, validate('json', resolveIncidentInput), async (c) => {
    const incident = await resolveIncident({
      deps: c.get('deps'),
      id: c.req.param('id'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    const [shown] = await withPostmortem(c.get('deps'), [presentIncident(incident, c.get('token'))]);
    return c.json({ ...shown, warnings: incident.warnings });
  })
  .get('/incidents/:id/updates', async (c) => {
    const updates = await listIncidentUpdates({ deps: c.get('deps'), id: c.req.param('id') });
    return c.json({ updates: updates.map(presentUpdate) });
  })
  .post('/incidents/:id/updates', write, validate('json', createUpdateInput), async (c) => {
    const { incident, update, warnings } = await postIncidentUpdate({
      deps: c.get('deps'),
      id: c.req.param('id'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentUpdate(update), incident: presentIncident(incident, c.get('token')), warnings }, 201);
  })
  .patch('/incidents/:id/updates/:updateId', write, validate('json', editUpdateInput), async (c) => {
    const { warnings, ...update } = await editIncidentUpdate({
      deps: c.get('deps'),
      incidentId: c.req.param('id'),
      updateId: c.req.param('updateId'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentUpdate(update), warnings });
  })
  .delete('/incidents/:id/updates/:updateId', write, async (c) => {
    await retractIncidentUpdate({
      deps: c.get('deps'),
      incidentId: c.req.param('id'),
      updateId: c.req.param('updateId'),
      actor: actorOf(c.get('token')),
    });
    return c.body(null, 204);
  });
