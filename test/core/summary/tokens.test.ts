// splitWords is a character-class loop; the regex it stands for is the specification. Any text,
// including astral letters, lone surrogates, "İ" (which lower-casing lengthens), Greek final sigma
// and curly apostrophes, must split into the same words with the same keys, and the hash the loop
// computes on the way must be keyHash of the key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyHash, splitWords } from '../../../src/core/summary/tokens';

/** The words as plain records (a word's key is read through its getter). */
function split(text: string) {
  const { list, ascii } = splitWords(text);
  // Where a word offers the text to read it in, it is ASCII letters and digits there, its key lower-cased.
  for (const w of list) {
    if (w.source === undefined) continue;
    expect(w.source.slice(w.start, w.end)).toMatch(/^[A-Za-z0-9]+$/);
    expect(w.source.slice(w.start, w.end).toLowerCase()).toBe(w.key);
  }
  return { list: list.map(({ start, end, key, hash }) => ({ start, end, key, hash })), ascii };
}

function reference(text: string) {
  const list = [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)].map((m) => {
    let key = m[0].toLowerCase();
    if (key.includes("'") || key.includes('’')) key = key.replace(/’/g, "'").replace(/'s$/, '');
    return { start: m.index, end: m.index + m[0].length, key, hash: keyHash(key) };
  });
  return { list, ascii: !/[^\t\n\r -~]/.test(text) };
}

const pieces = fc.constantFrom(
  'a',
  'Z',
  '7',
  ' ',
  '\n',
  "'",
  '’',
  "'s",
  '’S',
  '-',
  'é',
  'İ',
  'ΟΔΟΣ',
  'Σ',
  '٣',
  'Ⅻ',
  '\u0301',
  '𝐀',
  '𝟘',
  '😀',
  '\ud835',
  '\udc00',
  '\u0007',
  'K',
  'ǅ',
  '中文',
);

describe('splitWords', () => {
  it("finds the words and keys of /[\\p{L}\\p{N}]+(?:['’]\\p{L}+)*/gu", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary' })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(split(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('keys a word whose lower-casing depends on the whole word as the word alone', () => {
    for (const text of ['ΟΔΟΣ ΟΔΟΣ', "İstanbul's Jane's", 'JANE’S ΣΑΣ', 'x\ud835\udc00y 𝐀𝐁 😀a'])
      expect(split(text)).toEqual(reference(text));
  });
});
