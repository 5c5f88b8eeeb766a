// Bounded work: adversarial shapes within the 64 KiB limit lint in linear time. The bound asserted
// here is deliberately generous (CI is a loaded 2-core machine); the slowest shape is reported, and
// `npm run bench -- lint` carries the real figure (every shape, warm, against its 100 ms target).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintPublicText, lintSummary } from '../../../src/core/summary/lint';
import { renderSummaryHtml } from '../../../src/core/summary/render';
import { buildShadow } from '../../../src/core/summary/shadow';
import { ADVERSARIAL_PIECES, ADVERSARIAL_PREFIXES, adversarialText } from './adversarial-shapes';
import { LEXICON } from './fixtures';

describe('linear time on adversarial input', () => {
  it('keeps the normalised view near the size of the text when it joins words split by links or line breaks', () => {
    for (const piece of ['a[b](c)d', 'x[y][z]', 'ab[c](d)e[f](g)', 'abcd1234efgh\n']) {
      const text = adversarialText('', piece);
      const shadow = buildShadow(text);
      expect(shadow.text.length, piece).toBeGreaterThan(text.length); // the joined words are there
      expect(shadow.text.length, piece).toBeLessThanOrEqual(3 * text.length);
    }
  });

  it('lints every repeated shape near the size limit in bounded time, and reports the slowest', () => {
    const timings: [string, number][] = [];
    // A unit of one to three pieces (long dotted runs, %2D, &#45;, \-, names, nested quotes and
    // lists, tables, link targets, soft line breaks, zero-width characters ...) repeated to 60 KB.
    const unit = fc
      .array(fc.constantFrom(...ADVERSARIAL_PIECES), { minLength: 1, maxLength: 3 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(unit, fc.constantFrom(...ADVERSARIAL_PREFIXES), (piece, prefix) => {
        const text = adversarialText(prefix, piece);
        const t0 = performance.now();
        const r = lintSummary(text, LEXICON);
        lintPublicText(text, LEXICON);
        renderSummaryHtml(text);
        const ms = performance.now() - t0;
        timings.push([JSON.stringify(prefix + piece), ms]);
        expect(r.findings.length).toBeLessThan(5000);
        // The normalised view stays within a small multiple of the text (words it joins are appended).
        expect(buildShadow(text).text.length).toBeLessThanOrEqual(3 * text.length);
        expect(ms).toBeLessThan(5000); // cold (JIT), lint twice and render, on a busy machine: the 14-44 s class of bug, not speed
      }),
      { numRuns: 30 },
    );
    timings.sort((a, b) => b[1] - a[1]);
    console.log(
      `slowest adversarial inputs (lint, public-text lint and render, cold): ${timings
        .slice(0, 3)
        .map(([s, ms]) => `${s} ${ms.toFixed(0)} ms`)
        .join(', ')}`,
    );
  }, 120_000);
});
