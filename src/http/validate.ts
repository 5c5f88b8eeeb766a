// Request validation: a JSON body or the query string through a zod schema; the parsed value is what
// `c.req.valid(target)` returns, and a failure becomes a `validation_failed` problem naming each field.
// (The API only validates these two targets: this is hono/validator's JSON and query reading without
// its form, cookie and header code, and @hono/zod-validator's one call, about 0.7 KB gzipped less in the Worker.)
import type { MiddlewareHandler } from 'hono';
import { DomainError, invalid } from '../core/errors';
import type * as z from '../core/zod';
import { safeParseAsync } from '../core/zod';
import { zodProblems } from './problem';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

type Target = 'json' | 'query';

export function validate<T extends z.core.$ZodType, K extends Target>(
  target: K,
  schema: T,
): MiddlewareHandler<
  // biome-ignore lint/suspicious/noExplicitAny: any Env, as hono's own validator types it
  any,
  string,
  { in: { [P in K]: z.input<T> }; out: { [P in K]: z.output<T> } }
> {
  return async (c, next) => {
    let value: unknown = {};
    if (target === 'json') {
      // As hono/validator: a body that is not declared JSON is not read (requireJson refused any such body).
      const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
      if (JSON_MEDIA_TYPE.test(mediaType)) {
        try {
          value = await c.req.json();
        } catch {
          throw new DomainError('malformed_json', 'The request body could not be parsed as JSON.');
        }
      }
    } else {
      // A parameter given once is a string, given more often an array of strings.
      value = Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
    }
    const result = await safeParseAsync(schema, value);
    if (!result.success) throw invalid(zodProblems(result.error, target === 'json' ? [] : [target]));
    c.req.addValidatedData(target, result.data as never);
    await next();
  };
}
