// RFC 9457 problem+json: the only place a domain error code becomes an HTTP status.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainError, ErrorCode, FieldProblem } from '../core/errors';
import type * as z from '../core/zod';

export function statusFor(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'malformed_json':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'validation_failed':
    case 'idempotency_key_reused':
    case 'summary_has_errors':
    case 'public_text_has_errors':
    case 'incident_open':
      return 422;
    case 'rate_limited':
      return 429;
    case 'service_unavailable':
      return 503;
    case 'internal_error':
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`unmapped error code ${String(unhandled)}`);
    }
  }
}

export const PROBLEM_TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  malformed_json: 'The request body is not valid JSON',
  unsupported_media_type: 'The request body must be JSON',
  payload_too_large: 'The request body is too large',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed for this token',
  not_found: 'Not found',
  conflict: 'Conflict',
  idempotency_key_reused: 'Idempotency-Key reused with a different request',
  summary_has_errors: 'The summary has error findings',
  rate_limited: 'Too many requests',
  public_text_has_errors: 'The public text has error findings',
  incident_open: 'The incident is still open',
  service_unavailable: 'Service unavailable',
  internal_error: 'Internal error',
};

export function problem(c: Context, err: DomainError): Response {
  const status = statusFor(err.code);
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (err.code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer realm="afterword"';
  const body = {
    type: `/problems/${err.code}`,
    title: PROBLEM_TITLES[err.code],
    status,
    detail: err.detail,
    code: err.code,
    instance: new URL(c.req.url).pathname,
    ...err.extensions,
  };
  return c.body(JSON.stringify(body), status, headers);
}

/** Turns zod issues into stable field paths ("lead.email", "components.0.status") with reasons. */
export function zodProblems(error: { issues: z.core.$ZodIssue[] }, prefix: string[] = []): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)].join('.') || '(body)';
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field(s): ${issue.keys.join(', ')}`;
    return { path, message };
  });
}
