// The words of a summary, split once per lint and shared: the lexicon rules look each one up as the
// start of a phrase, the pattern rules run a keyword pattern only when its trigger word occurs.

export interface Word {
  start: number;
  end: number;
  /** Lower-cased, curly apostrophe made straight, a trailing "'s" dropped ("Jane's" -> "jane"). */
  key: string;
  /** `keyHash(key)`, found on the way for a plain ASCII word. */
  hash: number;
}

/** FNV-1a over the UTF-16 units of a word key: the lexicon's bitset of first words is indexed by it. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

const LETTER = 2;
/** 1 for an ASCII digit, LETTER for an ASCII letter, 0 for anything else (indexed by char code). */
const ASCII_CLASS = new Uint8Array(128);
ASCII_CLASS.fill(1, 48, 58);
ASCII_CLASS.fill(LETTER, 65, 91);
ASCII_CLASS.fill(LETTER, 97, 123);
/** A word at a given offset, as the rules define one: letters and digits, and letters after apostrophes. */
const WORD_AT = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/uy;
const NOT_PLAIN_ASCII = /[^\t\n\r -~]/;

export interface Words {
  list: Word[];
  /** The text is plain ASCII, split on [A-Za-z0-9] (else on Unicode letters and digits). */
  ascii: boolean;
}

/**
 * The words of `text` as /[\p{L}\p{N}]+(?:['’]\p{L}+)*\/gu finds them, keyed as `Word.key` says.
 * A run of ASCII letters and digits followed by neither an apostrophe nor a non-ASCII character is
 * a whole word, found by a character loop (most words); any other word is matched by the regex
 * itself at its first character. Keys of the former are sliced from one lower-casing of the whole
 * text, which per ASCII character is the word's own and keeps every offset unless the text holds
 * "İ" (the one code point it lengthens; none shortens).
 */
export function splitWords(text: string): Words {
  const words: Word[] = [];
  const lower = text.toLowerCase();
  const aligned = lower.length === text.length;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && ASCII_CLASS[c] === 0) {
      i++;
      continue;
    }
    const start = i;
    // Lower-cased, an ASCII letter or digit is its code `| 32`: the key's hash, read in the same loop.
    let hash = 0x811c9dc5;
    for (let k = c; (ASCII_CLASS[k] as number) > 0; k = text.charCodeAt(++i))
      hash = Math.imul(hash ^ (k | 32), 0x01000193);
    const next = text.charCodeAt(i);
    let key: string;
    if (i > start && aligned && next !== 39 && !(next >= 128)) key = lower.slice(start, i);
    else {
      WORD_AT.lastIndex = start;
      const m = WORD_AT.exec(text);
      if (m === null) {
        i = start + 1; // not a letter or digit
        continue;
      }
      i = WORD_AT.lastIndex;
      key = m[0].toLowerCase();
      if (key.includes("'") || key.includes('’')) key = key.replace(/’/g, "'").replace(/'s$/, '');
      hash = keyHash(key);
    }
    words.push({ start, end: i, key, hash });
  }
  return { list: words, ascii: !NOT_PLAIN_ASCII.test(text) };
}
