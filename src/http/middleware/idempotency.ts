// Idempotency-Key for POSTs: a retry with the same key and the same request replays the first
// successful response and creates nothing new; the same key with a different request is refused.
import { createMiddleware } from 'hono/factory';
import { DomainError, invalid } from '../../core/errors';
import { IN_PROGRESS } from '../../db/store/idempotency';
import { sha256Hex } from '../../lib/crypto';
import type { AppEnv } from '../env';

export function idempotency() {
  return createMiddleware<AppEnv>(async function idempotency(c, next) {
    const key = c.req.header('Idempotency-Key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (key.length < 1 || key.length > 255) {
      throw invalid([{ path: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
    }
    const { store, clock } = c.get('deps');
    const tokenId = c.get('token').id;
    const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);

    if (!(await store.idempotency.claim(tokenId, key, fingerprint, clock()))) {
      const first = await store.idempotency.get(tokenId, key);
      if (first && first.fingerprint !== fingerprint) {
        throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
      }
      if (!first || first.status === IN_PROGRESS) {
        throw new DomainError('conflict', 'A request with this Idempotency-Key is still in progress; retry shortly.');
      }
      return c.body(first.body, first.status as 200, {
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
        await store.idempotency.complete(tokenId, key, res.status, await res.clone().text());
      } else {
        await store.idempotency.release(tokenId, key);
      }
    }
  });
}
