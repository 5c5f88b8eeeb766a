// Secrets are never stored in clear, logged or echoed. A `secret` finding shows a masked form of
// the credential; the stored copy of a draft has each credential replaced by a placeholder, which
// the `secret` rule flags in turn, so a draft saved with a credential in it is never publishable.
import type { Finding } from './types';

/** What a saved draft holds where the writer pasted a credential. */
export const REDACTED_SECRET = '[redacted secret]';

/** "AKIA… (20 characters)": the format's prefix at most (a short credential shows less), and its length. */
export function maskSecret(raw: string): string {
  if (raw === REDACTED_SECRET) return raw;
  const chars = [...raw];
  const shown = Math.min(4, Math.floor(chars.length / 3));
  return `${chars.slice(0, shown).join('')}… (${chars.length} characters)`;
}

/** Offsets where each line of `markdown` starts, line breaks being CRLF, CR or LF (as the linter counts them). */
function lineStarts(markdown: string): number[] {
  const starts = [0];
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown.charCodeAt(i);
    if (c === 13 && markdown.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/**
 * The markdown as stored: every span of a `secret` finding (found by linting this same markdown)
 * replaced by REDACTED_SECRET. Positions are line/column plus `length` in the linted text, where a
 * line break is one character, so spans are mapped back through the submitted line breaks.
 */
export function redactSecrets(markdown: string, findings: readonly Finding[]): string {
  const secrets = findings.filter((f) => f.rule === 'secret' && f.length > 0);
  if (secrets.length === 0) return markdown;
  const starts = lineStarts(markdown);
  /** Offset in `markdown` of `n` linted characters after the start of `line`, column `column`. */
  const offset = (line: number, column: number, n: number): number => {
    let at = (starts[line - 1] ?? markdown.length) + column - 1;
    for (let left = n; left > 0 && at < markdown.length; left--) {
      at += markdown.charCodeAt(at) === 13 && markdown.charCodeAt(at + 1) === 10 ? 2 : 1;
    }
    return at;
  };
  const spans = secrets
    .map((f) => ({ start: offset(f.line, f.column, 0), end: offset(f.line, f.column, f.length) }))
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    out += markdown.slice(at, Math.max(at, s.start)) + REDACTED_SECRET;
    at = s.end;
  }
  return out + markdown.slice(at);
}
