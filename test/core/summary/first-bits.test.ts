// The lexicon rules skip a word on one bit test (CompiledLexicon.firstBits, indexed by the word's
// hash) where they used to look it up in a Set of first words. The test may not lose a match: every
// word the old Set held has its bit, and lexiconMatches finds exactly what it finds when every bit
// is set (every word going on to the phrase and handle look-ups).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/core/summary/document';
import { compileLexicon, type Lexicon } from '../../../src/core/summary/lexicon';
import { lexiconMatches } from '../../../src/core/summary/names';
import { keyHash, splitWords } from '../../../src/core/summary/tokens';

const NAME_PARTS = [
  'Jane',
  'Doe',
  'van',
  'der',
  'Berg',
  'O’Brien',
  'İlkay',
  'Ada',
  'J',
  'Zoë',
  'Kestrel',
  'Slack',
  'a',
];
const name = fc.array(fc.constantFrom(...NAME_PARTS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const lexicon: fc.Arbitrary<Lexicon> = fc.record({
  employees: fc.array(name, { maxLength: 6 }),
  codenames: fc.array(
    fc.oneof(
      name,
      name.map((n) => `Project ${n}`),
    ),
    { maxLength: 3 },
  ),
  tools: fc.array(name, { maxLength: 3 }),
  allow: fc.array(name, { maxLength: 2 }),
});
const TEXT_PIECES = [
  ...NAME_PARTS,
  ' ',
  '  ',
  '\n',
  '. ',
  '.',
  '-',
  '_',
  '@',
  "'s",
  '’s',
  'PagerDuty',
  'New Relic',
  'on',
  'our',
];
const text = fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: 40 }).map((p) => p.join(''));

const hasBit = (bits: Uint32Array, key: string) => {
  const h = keyHash(key) >>> 14;
  return ((bits[h >>> 5] as number) & (1 << h)) !== 0;
};

describe('CompiledLexicon.firstBits', () => {
  it('holds every word the first-word Set held (one-word phrases, phrase starts, handles)', () => {
    fc.assert(
      fc.property(lexicon, (lx) => {
        const lex = compileLexicon(lx);
        const firstWords = [...lex.handles.keys()];
        for (const key of lex.phrases.keys()) firstWords.push(key.includes(' ') ? key.slice(0, key.indexOf(' ')) : key);
        for (const w of firstWords) expect(hasBit(lex.firstBits, w), w).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('lexiconMatches finds what it finds with every bit set', () => {
    fc.assert(
      fc.property(lexicon, text, (lx, t) => {
        const lex = compileLexicon(lx);
        const doc = parseSummary(t);
        const words = splitWords(doc.text).list;
        const all = { ...lex, firstBits: new Uint32Array(8192).fill(0xffffffff) };
        const everyWord = lexiconMatches(doc, all, words);
        expect(lexiconMatches(doc, lex, words)).toEqual(everyWord);
        // The bit test made while splitting (lint's path) picks the same words.
        const split = splitWords(doc.text, lex.firstBits);
        expect(lexiconMatches(doc, lex, split.list, split.lexiconStarts)).toEqual(everyWord);
      }),
      { numRuns: 500 },
    );
  });
});
