// /problems/<code>: a short page per error code, so the `type` of every problem+json answer resolves
// to something a person can read. Plain HTML, no script or stylesheet beyond the site's own.
// Written at build time to public/problems/<code>.html (scripts/build-problem-pages.mjs) and served as
// static files: Workers' assets serve /problems/<code> from <code>.html, Node's static handler is told
// the same (src/node-server.ts). The pages never change between builds, so they are not in the Worker.
import type { ErrorCode } from '../core/errors';
import { PROBLEM_TITLES, statusFor } from './problem';

/** What went wrong and what to do, per code (a new code is a type error here until it is explained). */
const HELP: Record<ErrorCode, string> = {
  validation_failed: 'A field is missing, unknown or out of range. "errors" lists each field path and the reason.',
  malformed_json: 'The body could not be parsed as JSON. Check quoting and commas, and send UTF-8.',
  unsupported_media_type: 'A request with a body must send it as JSON, with "Content-Type: application/json".',
  payload_too_large: 'The body is larger than this endpoint accepts (1 MiB; summaries 64 KiB).',
  unauthorized: 'Send a valid, unrevoked token: "Authorization: Bearer aw_…".',
  forbidden: 'The token is valid but lacks the scope this endpoint needs; "requiredScope" names it.',
  not_found: 'Nothing exists at this id or path. Ids are opaque: copy them from a list or a create response.',
  conflict:
    'The request clashes with the current state (or with a request still running); read the detail, then retry.',
  idempotency_key_reused: 'This Idempotency-Key was first used with another request. Use a new key for a new request.',
  summary_has_errors:
    'The latest summary draft has error findings under the current lexicon; fix them and save a new version.',
  public_text_has_errors: 'Public text (a title, an update, a description) contains something customers must not see.',
  incident_open: 'This action needs the incident to be resolved first.',
  rate_limited: 'Too many requests from this client or for this address in a short time. Wait, then try again.',
  service_unavailable: 'The service cannot answer right now (for example its database). Retry later.',
  internal_error: 'Something went wrong on the server. Nothing was written; retry, and report it if it persists.',
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page for one error code. */
export function problemPageHtml(code: ErrorCode): string {
  const title = PROBLEM_TITLES[code];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Afterword API</title><link rel="stylesheet" href="/afterword.css"></head>
<body><main style="max-width:40rem;margin:2rem auto;padding:0 1rem">
<p><a href="/">Afterword</a> · API problem types</p>
<h1>${escapeHtml(title)}</h1>
<p><code>${code}</code> · HTTP ${statusFor(code)}</p>
<p>${escapeHtml(HELP[code])}</p>
<p>Every error answer is <code>application/problem+json</code> (RFC 9457) with this page as its <code>type</code>,
the stable <code>code</code> above, a <code>detail</code> for people and, where it helps, more fields.</p>
</main></body></html>
`;
}
