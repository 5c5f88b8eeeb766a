// /api/v1/maintenances: scheduled maintenance windows

import { createMaintenanceInput, updateMaintenanceInput } from '../../core/inputs';
import {
  createMaintenance,
  deleteMaintenance,
  getMaintenance,
  listMaintenances,
  updateMaintenance,
} from '../../services/maintenances';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { presentMaintenance } from '../present';
import { validate } from '../validate';

const write = needs('incidents:write');

export const maintenanceRoutes = new Hono<AppEnv>()
  .get('/maintenances', async (c) => {
    const list = await listMaintenances({ deps: c.get('deps') });
    return c.json({ maintenances: list.map(presentMaintenance) });
  })
  .post('/maintenances', write, validate('json', createMaintenanceInput), async (c) => {
    const m = await createMaintenance({
      deps: c.get('deps'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentMaintenance(m), warnings: m.warnings }, 201);
  })
  .get('/maintenances/:id', async (c) => {
    return c.json(presentMaintenance(await getMaintenance({ deps: c.get('deps'), id: c.req.param('id') })));
  })
  .patch('/maintenances/:id', write, validate('json', updateMaintenanceInput), async (c) => {
    const m = await updateMaintenance({
      deps: c.get('deps'),
      id: c.req.param('id'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ ...presentMaintenance(m), warnings: m.warnings });
  })
  .delete('/maintenances/:id', write, async (c) => {
    await deleteMaintenance({ deps: c.get('deps'), id: c.req.param('id'), actor: actorOf(c.get('token')) });
    return c.body(null, 204);
  });
