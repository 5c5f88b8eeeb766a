// Pure helpers of the summary editor (bundled into public/console.js, tested on Node): where a
// finding sits in the textarea, what "apply suggestion" writes there, and the underlined mirror.
import type { Finding } from '../../../core/summary/types';

/** Start and end offsets of a finding's excerpt in `text` (line and column are 1-based, as the gate reports them). */
export function spanOf(text: string, f: Pick<Finding, 'line' | 'column' | 'length'>): { start: number; end: number } {
  let start = 0;
  for (let line = 1; line < f.line; line++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) break;
    start = nl + 1;
  }
  start = Math.min(text.length, start + f.column - 1);
  return { start, end: Math.min(text.length, start + f.length) };
}

/** Rules whose suggestion names a replacement for the excerpt itself (the others are advice about the text). */
const REPLACEABLE = new Set([
  'employee-name',
  'codename',
  'internal-tool',
  'ticket-id',
  'chat-channel',
  'contact-info',
  'internal-host',
  'secret',
  'jargon',
]);

/**
 * The text "apply suggestion" puts in place of the excerpt, or null when the suggestion is advice
 * only: "remove …" removes it, `… e.g. "X"` writes X, and a bare phrase ("an engineer") is written as is.
 */
export function replacementFor(f: Pick<Finding, 'rule' | 'suggestion' | 'length'>): string | null {
  if (!REPLACEABLE.has(f.rule) || !f.suggestion || f.length === 0) return null;
  const s = f.suggestion.trim();
  if (/^remove\b/i.test(s)) return '';
  const example = /\be\.g\.\s*"([^"]+)"/.exec(s);
  if (example?.[1]) return example[1];
  if (/^(?:a|an|the|our)\s+[\w\s-]+$/i.test(s) && s.split(/\s+/).length <= 4) return s;
  return null;
}

/** Applies a replacement at a span: capitalised at the start of a sentence, and without leaving a double space. */
export function applyAt(
  text: string,
  start: number,
  end: number,
  replacement: string,
): { text: string; caret: number } {
  let before = text.slice(0, start);
  let after = text.slice(end);
  let r = replacement;
  if (r === '') {
    if (/ $/.test(before) && /^[ .,;:!?)]/.test(after)) before = before.slice(0, -1);
    else if ((before === '' || /\n$/.test(before)) && / /.test(after[0] ?? '')) after = after.slice(1);
  } else if (/(?:^|[.!?]\s+|\n\s*(?:[-*+]\s+|\d+[.)]\s+)?)$/.test(before)) {
    r = r[0]?.toUpperCase() + r.slice(1);
  }
  return { text: before + r + after, caret: before.length + r.length };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The mirror behind the textarea: the same text, escaped, with each finding's excerpt wrapped in a
 * <mark> (the more severe finding wins where spans overlap). A trailing space keeps a final newline's height.
 */
export function markedMirror(text: string, findings: Finding[]): string {
  const spans = findings
    .map((f, i) => ({ ...spanOf(text, f), i, severity: f.severity }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || (a.severity === 'error' ? -1 : 1));
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // overlapping: the earlier (or more severe) one is already shown
    out += escapeHtml(text.slice(at, s.start));
    out += `<mark class="f-${s.severity}" data-finding="${s.i}">${escapeHtml(text.slice(s.start, s.end))}</mark>`;
    at = s.end;
  }
  return `${out + escapeHtml(text.slice(at))} `;
}

/** What the live region says after a pause in typing. */
export function announcement(findings: Finding[], words: number, maxWords: number): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const parts = [
    errors === 0 ? 'No errors' : `${errors} error${errors === 1 ? '' : 's'}`,
    `${warnings} warning${warnings === 1 ? '' : 's'}`,
    `${words} of ${maxWords} words`,
  ];
  return `${parts.join(', ')}.${errors === 0 ? ' Ready to publish.' : ''}`;
}
