// /api/v1/tokens (admin) and /api/v1/audit (admin)

import { createTokenInput } from '../../core/inputs';
import { listAudit } from '../../services/audit';
import { actorOf, createToken, listTokens, revokeToken } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { iso, presentToken } from '../present';
import { validate } from '../validate';

const admin = needs('admin');

export const tokenRoutes = new Hono<AppEnv>()
  .get('/tokens', admin, async (c) => {
    const tokens = await listTokens({ deps: c.get('deps') });
    return c.json({ tokens: tokens.map(presentToken) });
  })
  .post('/tokens', admin, validate('json', createTokenInput), async (c) => {
    const { token, secret } = await createToken({
      deps: c.get('deps'),
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    // The only time the secret is ever shown.
    return c.json({ ...presentToken(token), token: secret }, 201, { 'Cache-Control': 'no-store' });
  })
  .delete('/tokens/:id', admin, async (c) => {
    const token = await revokeToken({ deps: c.get('deps'), id: c.req.param('id'), actor: actorOf(c.get('token')) });
    return c.json(presentToken(token));
  })
  .get('/audit', admin, async (c) => {
    const entries = await listAudit({ deps: c.get('deps'), limit: 200 });
    return c.json({ entries: entries.map((e) => ({ ...e, at: iso(e.at) })) });
  });
