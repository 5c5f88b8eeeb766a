// A fast path of the gate against the plain code it replaced: markdownTooHard (which sends text marked
// would take seconds on to the plain-line fallback) must decide exactly as the character loop did, on
// random markup-heavy text and at each of its limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownTooHard } from '../../../src/core/summary/document';

/** The character loop markdownTooHard replaced: delimiters, "<", lines, headings and nesting counted per character. */
function tooHardByLoop(text: string): boolean {
  let delimiters = 0;
  let angles = 0;
  let lineStart = true;
  let depth = 0;
  let lines = 0;
  let headings = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95 || c === 126 || c === 96 || c === 91) {
      if (++delimiters > 600) return true;
    } else if (c === 60 && ++angles > 200) return true;
    if (c === 10) {
      lineStart = true;
      depth = 0;
      if (++lines > 4000) return true;
      continue;
    }
    if (!lineStart) continue;
    if (c === 35 && ++headings > 200) return true;
    const next = text.charCodeAt(i + 1);
    if (c === 62 || ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9))) {
      if (++depth > 48) return true;
    } else if (c !== 32 && c !== 9 && !(c >= 48 && c <= 57) && !(c === 46 || c === 41)) lineStart = false;
  }
  return false;
}

const PIECES = [' ', '\t', '\n', '#', '>', '-', '*', '+', '_', '`', '~', '[', '<', 'a', '1', '.', ')', '\r', '\u2028'];
const PREFIXES = ['- ', '> ', '# ', '1. ', '* ', '+\t', '>>', '  '];

describe('markdownTooHard', () => {
  it('decides as the character loop does, around every limit', () => {
    // Runs of one piece reach the limits (600 delimiters, 200 "<", 4,000 lines, 200 headings, depth 48).
    const run = fc.tuple(fc.constantFrom(...PIECES, ...PREFIXES), fc.integer({ min: 1, max: 700 }));
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom(...PIECES, ...PREFIXES),
          run.map(([p, n]) => p.repeat(n)),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(markdownTooHard(t)).toBe(tooHardByLoop(t));
      }),
      { numRuns: 400 },
    );
    for (const edge of ['#\n'.repeat(201), '- '.repeat(49), '> '.repeat(49), '\n'.repeat(4001), '_'.repeat(601)]) {
      expect(markdownTooHard(edge), JSON.stringify(edge.slice(0, 8))).toBe(true);
    }
    for (const edge of ['#\n'.repeat(200), '- '.repeat(48), '\n'.repeat(4000), '_'.repeat(600), 'a - '.repeat(100)]) {
      expect(markdownTooHard(edge), JSON.stringify(edge.slice(0, 8))).toBe(false);
    }
  });
});
