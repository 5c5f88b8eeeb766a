// Bearer-token authentication and scope checks for the publish API.
import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../core/errors';
import type { Scope } from '../../core/types';
import { authenticate, requireScope } from '../../services/tokens';
import type { AppEnv } from '../env';

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i;

export function bearerToken() {
  return createMiddleware<AppEnv>(async function bearerToken(c, next) {
    const header = c.req.header('Authorization');
    if (!header) throw new DomainError('unauthorized', 'Send a token as "Authorization: Bearer <token>".');
    const match = BEARER.exec(header);
    if (!match?.[1]) throw new DomainError('unauthorized', 'The Authorization header must be "Bearer <token>".');
    c.set('token', await authenticate({ deps: c.get('deps'), secret: match[1] }));
    await next();
  });
}

export function needs(scope: Scope) {
  return createMiddleware<AppEnv>(async function needsScope(c, next) {
    requireScope(c.get('token'), scope);
    await next();
  });
}
