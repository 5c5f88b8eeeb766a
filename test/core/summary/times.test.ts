// timeMentions tries its TIME pattern only at digit runs (and "noon", "midnight") that can begin a
// time, found without a match object each: mayBeTime skips the rest ("12% of", "HTTP 503"). A skipped run must be one where TIME finds
// nothing, or only a bare number, which is no time; the times found must be the ones stated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayBeTime, TIME, timeMentions } from '../../../src/core/summary/times';

describe('mayBeTime', () => {
  it('skips only the numbers TIME cannot read as a time', () => {
    const piece = fc.constantFrom(
      '1',
      '12',
      '123',
      '2026',
      '-',
      ':',
      '.',
      ' ',
      '\t',
      'am',
      'PM',
      'p.m.',
      'UTC',
      'Z',
      'T',
      'noon',
      'x',
      '%',
      '05',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        for (const c of text.matchAll(/\d+|noon|midnight/g)) {
          if (mayBeTime(text, c.index, c[0].length)) continue;
          TIME.lastIndex = c.index;
          const m = TIME.exec(text);
          // Nothing, or a bare number: no date, no minutes, no am/pm (timeMentions drops those).
          if (m) expect([m[1], m[8], m[9], m[10]]).toEqual([undefined, undefined, undefined, undefined]);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('leaves every way of writing a time to TIME', () => {
    const text = 'From 14:05 to 3.30 pm, then 9 AM, 2026-11-26T14:05Z, noon, midnight and 7pm; 12% of 503 requests.';
    const found = timeMentions(text, 0, text.length, text).map((t) => text.slice(t.start, t.end));
    expect(found).toEqual(['14:05', '3.30 pm', '9 AM', '2026-11-26T14:05Z', 'noon', 'midnight', '7pm']);
  });
});
