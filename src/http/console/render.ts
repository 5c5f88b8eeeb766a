// Shared by the console's routes: HTML responses with a doctype, redirects after a POST, and a
// domain error turned into something a person can act on.
import type { Context } from 'hono';
import type { JSXNode } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, invalid } from '../../core/errors';
import type * as z from '../../core/zod';
import { statusFor, zodProblems } from '../problem';
import type { ConsoleEnv } from './env';
import type { ShownProblem } from './views/layout';

export async function page(
  c: Context<ConsoleEnv>,
  node: JSXNode | Promise<string> | string,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  return c.html(`<!doctype html>${await node.toString()}`, status);
}

/** Post/redirect/get: 303 so the browser follows with a GET. */
export function seeOther(c: Context<ConsoleEnv>, location: string): Response {
  return c.redirect(location, 303);
}

export function shownProblem(err: DomainError): ShownProblem {
  const ext = err.extensions as { errors?: unknown; findings?: unknown };
  return {
    detail: err.detail,
    errors: Array.isArray(ext.errors) ? (ext.errors as ShownProblem['errors']) : undefined,
    findings: Array.isArray(ext.findings) ? (ext.findings as ShownProblem['findings']) : undefined,
  };
}

/** Runs a write; a domain error (validation, the live-text gate, a conflict) comes back as the problem to show. */
export async function attempt<T>(
  write: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; problem: ShownProblem; status: ContentfulStatusCode }> {
  try {
    return { ok: true, value: await write() };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.code === 'unauthorized' || err.code === 'forbidden' || err.code === 'not_found') throw err;
    return { ok: false, problem: shownProblem(err), status: statusFor(err.code) };
  }
}

/** A form field as a trimmed string ('' when absent or a file). */
export function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** A form field exactly as typed (textareas keep their whitespace). */
export function rawField(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : '';
}

/** A `datetime-local` value (or an ISO string) read as UTC: the console shows and takes every time in UTC. */
export function utcInput(value: string): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return `${value.length === 16 ? `${value}:00` : value}Z`;
  return value;
}

/** An instant as the value of a `datetime-local` field, in UTC. */
export function utcField(at: number | null): string {
  return at === null ? '' : new Date(at).toISOString().slice(0, 16);
}

/** A form's values through the API's own input schema: a problem names the fields in the API's terms. */
export function parsed<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(zodProblems(r.error), 'Some fields need attention.');
  return r.data;
}
