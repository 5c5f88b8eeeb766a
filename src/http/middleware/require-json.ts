// Request bodies are JSON. A request that carries no body (curl -X POST with no data sends neither
// Content-Length nor Transfer-Encoding; on Node it still arrives with an empty body stream) is not
// refused for its missing or non-JSON Content-Type: verbs such as publish and retry take no body.
import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../core/errors';
import type { AppEnv } from '../env';

const JSON_TYPE = /^application\/([a-z.+-]*\+)?json\b/i;

export function requireJson() {
  return createMiddleware<AppEnv>(async function requireJson(c, next) {
    const method = c.req.method;
    const raw = c.req.raw;
    if (
      (method === 'POST' || method === 'PUT' || method === 'PATCH') &&
      raw.body !== null &&
      c.req.header('Content-Length') !== '0' &&
      !JSON_TYPE.test(c.req.header('Content-Type') ?? '')
    ) {
      // Read only when the type is wrong: an empty body is no body, and the request goes on without one.
      if ((await raw.arrayBuffer()).byteLength > 0) {
        throw new DomainError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
      }
      c.req.raw = new Request(raw.url, { method, headers: raw.headers, signal: raw.signal });
    }
    await next();
  });
}
