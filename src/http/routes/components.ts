// /api/v1/components and /api/v1/component-groups

import {
  createComponentInput,
  createGroupInput,
  reorderComponentsInput,
  updateComponentInput,
  updateGroupInput,
} from '../../core/inputs';
import {
  createComponent,
  createGroup,
  deleteComponent,
  deleteGroup,
  getComponent,
  listComponents,
  listGroups,
  reorderComponents,
  updateComponent,
  updateGroup,
} from '../../services/components';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { presentComponent, presentGroup } from '../present';
import { validate } from '../validate';

const write = needs('incidents:write');

export const componentRoutes = new Hono<AppEnv>()
  .get('/components', async (c) => {
    const components = await listComponents({ deps: c.get('deps') });
    return c.json({ components: components.map(presentComponent) });
  })
  .post('/components', write, validate('json', createComponentInput), async (c) => {
    const component = await createComponent({
      deps: c.get('deps'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentComponent(component), warnings: component.warnings }, 201);
  })
  .post('/components/reorder', write, validate('json', reorderComponentsInput), async (c) => {
    const components = await reorderComponents({
      deps: c.get('deps'),
      ids: c.req.valid('json').ids,
      actor: actorOf(c.get('token')),
    });
    return c.json({ components: components.map(presentComponent) });
  })
  .get('/components/:id', async (c) => {
    return c.json(presentComponent(await getComponent({ deps: c.get('deps'), id: c.req.param('id') })));
  })
  .patch('/components/:id', write, validate('json', updateComponentInput), async (c) => {
    const component = await updateComponent({
      deps: c.get('deps'),
      id: c.req.param('id'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentComponent(component), warnings: component.warnings });
  })
  .delete('/components/:id', write, async (c) => {
    await deleteComponent({ deps: c.get('deps'), id: c.req.param('id'), actor: actorOf(c.get('token')) });
    return c.body(null, 204);
  })
  .get('/component-groups', async (c) => {
    const groups = await listGroups({ deps: c.get('deps') });
    return c.json({ groups: groups.map(presentGroup) });
  })
  .post('/component-groups', write, validate('json', createGroupInput), async (c) => {
    const group = await createGroup({
      deps: c.get('deps'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentGroup(group), warnings: group.warnings }, 201);
  })
  .patch('/component-groups/:id', write, validate('json', updateGroupInput), async (c) => {
    const group = await updateGroup({
      deps: c.get('deps'),
      id: c.req.param('id'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentGroup(group), warnings: group.warnings });
  })
  .delete('/component-groups/:id', write, async (c) => {
    await deleteGroup({ deps: c.get('deps'), id: c.req.param('id'), actor: actorOf(c.get('token')) });
    return c.body(null, 204);
  });
