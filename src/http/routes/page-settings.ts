// /api/v1/settings/page: the status page's name, logo, brand colour and footer links (admin only).

import { pageSettingsInput } from '../../core/public/page-settings';
import { getPageSettings, updatePageSettings } from '../../services/page-settings';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { validate } from '../validate';

const admin = needs('admin');

export const pageSettingsRoutes = new Hono<AppEnv>()
  .get('/settings/page', admin, async (c) => c.json(await getPageSettings({ deps: c.get('deps') })))
  .put('/settings/page', admin, validate('json', pageSettingsInput), async (c) =>
    c.json(
      await updatePageSettings({ deps: c.get('deps'), input: c.req.valid('json'), actor: actorOf(c.get('token')) }),
    ),
  );
