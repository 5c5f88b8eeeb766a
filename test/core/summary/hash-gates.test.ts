// The `#` gates of the ticket and channel rules were read by one loop over the text's "#" signs; they
// are now three regex tests (src/core/summary/patterns.ts). Both must say the same of any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** The loop the regex tests replaced. */
function hashesByLoop(text: string): { digit: boolean; word: boolean; number: boolean } {
  const HASH_NUMBER = /#\s*\d/y;
  let digit = false;
  let word = false;
  let number = false;
  for (let i = text.indexOf('#'); i !== -1 && !(digit && word && number); i = text.indexOf('#', i + 1)) {
    HASH_NUMBER.lastIndex = i;
    if (HASH_NUMBER.test(text)) number = true;
    const next = text[i + 1];
    if (next === undefined || next === '#' || /\s/.test(next)) continue;
    word = true;
    if (next >= '0' && next <= '9') digit = true;
  }
  return { digit, word, number };
}

const pieces = fc.constantFrom('#', '##', '# ', '#\n', '#\u00a0', '#\u2028', '1', '٣', 'a', ' ', '\t', '\ud800', 'x#');

describe('the "#" gates', () => {
  it('say what the loop over the "#" signs said', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 30 }),
        (parts) => {
          const text = parts.join('');
          const loop = hashesByLoop(text);
          expect(/#\d/.test(text)).toBe(loop.digit);
          expect(/#[^\s#]/.test(text)).toBe(loop.word);
          expect(/#\s*\d/.test(text)).toBe(loop.number);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
