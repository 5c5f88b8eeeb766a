// Typed domain errors. Services throw them; only the HTTP edge maps a code to a status.

export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_key_reused',
  'summary_has_errors',
  'rate_limited',
  'public_text_has_errors',
  'incident_open',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldProblem {
  /** JSON path of the offending field, e.g. "lead.email" or "components.0.status". */
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.detail = detail;
    this.extensions = extensions;
  }
}

export function notFound(kind: string, id: string): DomainError {
  return new DomainError('not_found', `No ${kind} with id "${id}".`, { resource: kind, id });
}

export function invalid(problems: FieldProblem[], detail = 'The request is not valid.'): DomainError {
  return new DomainError('validation_failed', detail, { errors: problems });
}
