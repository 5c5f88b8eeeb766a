// Properties of lintSummary over arbitrary input: it never throws, positions point at the excerpt,
// and the verdict follows the error findings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintSummary } from '../../../src/core/summary/lint';
import { maskSecret, REDACTED_SECRET } from '../../../src/core/summary/redact';
import { CLEAN, LEAKY, LEXICON } from './fixtures';

const markdownish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '\n',
        '\r\n',
        '## What happened\n',
        '# Impact\n',
        '- ',
        '1. ',
        '> ',
        '**',
        '`',
        '[x](http://10.0.0.1)',
        '#',
        '@',
        'Jane ',
        'Slack ',
        '14:05 UTC',
        '<script>',
        '|a|b|\n|-|-|\n',
      ),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

function at(text: string, line: number, column: number, length: number): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return (lines[line - 1] ?? '').slice(column - 1, column - 1 + length);
}

/** The excerpt at a line and column, `length` characters long, a line break counting as one. */
function spanOf(text: string, line: number, column: number, length: number): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return lines.join('\n').slice(start, start + length);
}

describe('lintSummary properties', () => {
  it('never throws, and every excerpt is found at its line and column', () => {
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ unit: 'binary' }), fc.constantFrom(CLEAN, LEAKY)), (text) => {
        const r = lintSummary(text, LEXICON);
        expect(r.ok).toBe(!r.findings.some((f) => f.severity === 'error'));
        const credentials = r.findings.some((f) => f.rule === 'secret');
        for (const f of r.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.column).toBeGreaterThanOrEqual(1);
          const firstLine = f.text.split(/\r?\n/)[0] ?? '';
          const spanned = spanOf(text, f.line, f.column, f.length);
          // A credential is shown masked, in its own finding and in any excerpt that includes it.
          if (f.rule === 'secret') expect(f.text).toBe(maskSecret(f.text === REDACTED_SECRET ? f.text : spanned));
          else if (!credentials) expect(at(text, f.line, f.column, firstLine.length)).toBe(firstLine);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('inserting a roster name mid-sentence anywhere in a clean summary is caught', () => {
    const sentences = CLEAN.split('\n')
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => /^[A-Z].*\.$/.test(l));
    fc.assert(
      fc.property(
        fc.constantFrom(...sentences),
        fc.constantFrom('Jane Doe', 'Priya', 'Raman', 'jane.doe'),
        ({ i }, name) => {
          const lines = CLEAN.split('\n');
          lines[i] = `${lines[i]} It was fixed by ${name} later.`;
          const r = lintSummary(lines.join('\n'), LEXICON);
          expect(r.findings).toContainEqual(
            expect.objectContaining({ rule: 'employee-name', line: i + 1, text: name }),
          );
        },
      ),
    );
  });

  it('word count: n words pass up to 400 and fail from 401', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), (n) => {
        const words = Array.from({ length: n }, () => 'ok').join(' ');
        const r = lintSummary({ whatHappened: words, whoWasAffected: '', whatWeDid: '', prevention: '' }, {});
        expect(r.words).toBe(n);
        expect(r.findings.some((f) => f.rule === 'word-limit')).toBe(n > 400);
      }),
      { numRuns: 60 },
    );
  });

  it('word count: any white space separates words (Unicode spaces too), and nothing else does', () => {
    // Separators of every kind `\s` knows, and look-alikes it does not (zero-width space and joiner,
    // word joiner), which join the words on either side as the page shows them.
    const gap = fc.constantFrom(
      ' ',
      '\t',
      '\u00a0',
      '\u2003',
      '\u202f',
      '\u3000',
      '\ufeff',
      '\u2028',
      '\u200b',
      '\u2060',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('ok', 'fine', 'yes'), gap), { minLength: 1, maxLength: 60 }),
        (parts) => {
          const body = parts.map(([w, g]) => w + g).join('');
          const r = lintSummary({ whatHappened: body, whoWasAffected: '', whatWeDid: '', prevention: '' }, {});
          expect(r.words).toBe(body.split(/\s+/).filter(Boolean).length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('survives deeply nested markdown', () => {
    for (const deep of [
      '>'.repeat(20_000),
      '- '.repeat(10_000),
      '['.repeat(20_000),
      `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`,
    ]) {
      const r = lintSummary(`## What happened\n${deep} Jane\n`, LEXICON);
      expect(r.findings.some((f) => f.rule === 'sections')).toBe(true);
    }
  });
});
