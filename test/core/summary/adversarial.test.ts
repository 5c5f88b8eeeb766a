// Bounded work: adversarial shapes within the 64 KiB limit lint in linear time. The bound asserted
// here is deliberately generous (CI is a loaded 2-core machine); the slowest shape is reported, and
// `npm run bench -- lint` carries the real performance targets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_BYTES } from '../../../src/core/summary/inputs';
import { lintPublicText, lintSummary } from '../../../src/core/summary/lint';
import { renderSummaryHtml } from '../../../src/core/summary/render';
import { LEXICON } from './fixtures';

/** Pieces whose repetition stressed some rule or marked itself (quadratic suffix walks, emphasis, nesting). */
const PIECES = [
  'a.',
  'ab.',
  'a-1',
  '#a',
  '@a.',
  'a@b.',
  'Jane ',
  'Why? because. ',
  '> ',
  '- > ',
  '_a',
  '*a',
  '[a](',
  '`a',
  '12:05-',
  '14:05 UTC (',
  '&#45;',
  '\\-',
  '%2D',
  'a\u200b',
  'a\u0456',
  'a://b:c',
  'password=',
  'db-prod-',
  '# a\n',
  '**a**\n\n',
  'a-\n',
  'an engineer ',
  'fc00:',
  '+1 ',
];

describe('linear time on adversarial input', () => {
  it('lints every repeated shape near the size limit in bounded time, and reports the slowest', () => {
    const timings: [string, number][] = [];
    fc.assert(
      fc.property(fc.constantFrom(...PIECES), fc.constantFrom('', 'http://', '## What happened\n'), (piece, prefix) => {
        const text = (prefix + piece.repeat(Math.ceil(60_000 / piece.length))).slice(0, MAX_SUMMARY_BYTES - 10);
        const t0 = performance.now();
        const r = lintSummary(text, LEXICON);
        lintPublicText(text, LEXICON);
        if (prefix === '') renderSummaryHtml(text);
        const ms = performance.now() - t0;
        timings.push([JSON.stringify(prefix + piece), ms]);
        expect(r.findings.length).toBeLessThan(5000);
        expect(ms).toBeLessThan(5000);
      }),
      { numRuns: 24 },
    );
    timings.sort((a, b) => b[1] - a[1]);
    console.log(
      `slowest adversarial inputs: ${timings
        .slice(0, 3)
        .map(([s, ms]) => `${s} ${ms.toFixed(0)} ms`)
        .join(', ')}`,
    );
  }, 120_000);
});
