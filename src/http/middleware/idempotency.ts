// Idempotency-Key for POSTs: a retry with the same key and the same request replays the first
// successful response and creates nothing new; the same key with a different request is refused.
import { createMiddleware } from 'hono/factory';
import { invalid } from '../../core/errors';
import { sha256Hex } from '../../lib/crypto';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyRequest,
  releaseIdempotencyKey,
} from '../../services/idempotency';
import type { AppEnv } from '../env';

export function idempotency() {
  return createMiddleware<AppEnv>(async function idempotency(c, next) {
    const key = c.req.header('Idempotency-Key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (key.length < 1 || key.length > 255) {
      throw invalid([{ path: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
    }
    const deps = c.get('deps');
    const request: IdempotencyRequest = {
      tokenId: c.get('token').id,
      key,
      fingerprint: await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`),
    };

    const claim = await claimIdempotencyKey({ deps, request });
    if (claim.kind === 'replay') {
      return c.body(claim.body, claim.status as 200, {
        'Content-Type': 'application/json',
        'Idempotent-Replayed': 'true',
      });
    }

    try {
      await next();
    } finally {
      const res = c.res;
      // A response marked no-store (a freshly issued token) is never written down, secret and all.
      const storable = !/no-store/.test(res.headers.get('Cache-Control') ?? '');
      if (res.status >= 200 && res.status < 300 && storable) {
        const body = await res.clone().text();
        await completeIdempotencyKey({ deps, request, claimedAt: claim.claimedAt, status: res.status, body });
      } else {
        await releaseIdempotencyKey({ deps, request, claimedAt: claim.claimedAt });
      }
    }
  });
}
