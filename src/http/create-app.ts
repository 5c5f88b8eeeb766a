// Builds the Hono app from its deps; the same app serves Node and Workers.

import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../core/errors';
import type { Deps } from '../services/deps';
import { checkHealth } from '../services/health';
import { consoleRoutes } from './console';
import type { AppEnv } from './env';
import { Hono } from './hono';
import { bearerToken } from './middleware/auth';
import { idempotency } from './middleware/idempotency';
import { requireJson } from './middleware/require-json';
import { problem } from './problem';
import { publicRoutes } from './public';
import type { RenderCache } from './public/cache';
import { htmlErrorPage } from './public/error-page';
import { subscribeRoutes } from './public/subscribe';
import { apiV1Routers } from './routes';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  /** The public render cache; pass one to also answer cache hits at the runtime edge (src/node-server.ts). */
  renderCache?: RenderCache;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();

  app.use('*', async function provideDeps(c, next) {
    c.set('deps', deps);
    await next();
  });

  // For load balancers and HEALTHCHECK: 200 while the database answers, 503 (still JSON) when it does not.
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      return c.json({ ok: true, ...(await checkHealth({ deps: c.get('deps') })) });
    } catch (err) {
      console.error('[afterword] health check: the database did not answer:', err);
      return c.json({ ok: false, database: 'unavailable' }, 503);
    }
  });

  const api = new Hono<AppEnv>();
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problem(c, new DomainError('payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`)),
    }),
  );
  api.use('*', requireJson());
  api.use('*', bearerToken());
  api.use('*', idempotency());
  for (const router of apiV1Routers) api.route('/', router);
  app.route('/api/v1', api);
  app.route('/admin', consoleRoutes());

  // Sub-app notFound handlers are not consulted once mounted, so the API's 404 lives here.
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? problem(c, new DomainError('not_found', `No API route for ${c.req.method} ${c.req.path}.`))
      : htmlErrorPage(c, 404, 'There is no page at this address.'),
  );

  // Visitors' subscriptions (/subscribe, confirm, manage, unsubscribe): never cached.
  app.route('/', subscribeRoutes());
  // The public status page, feeds, badge and Statuspage v2 JSON (its render cache lives per app).
  app.route('/', publicRoutes(options.renderCache));

  app.onError((err, c) => {
    if (err instanceof DomainError) return problem(c, err);
    if (err instanceof HTTPException && err.status === 400 && /JSON/i.test(err.message)) {
      return problem(c, new DomainError('malformed_json', 'The request body could not be parsed as JSON.'));
    }
    if (err instanceof HTTPException && err.status < 500) {
      return problem(c, new DomainError('validation_failed', err.message || 'The request is not valid.'));
    }
    console.error(`[afterword] ${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
    return problem(c, new DomainError('internal_error', 'Something went wrong on our side.'));
  });

  return app;
}
