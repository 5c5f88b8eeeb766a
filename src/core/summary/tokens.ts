// The words of a summary, split once per lint and shared: the lexicon rules look each one up as the
// start of a phrase, the pattern rules run a keyword pattern only when its trigger word occurs.

export interface Word {
  readonly start: number;
  readonly end: number;
  /** Lower-cased, curly apostrophe made straight, a trailing "'s" dropped ("Jane's" -> "jane"). */
  readonly key: string;
  /** `keyHash(key)`, found on the way for a plain ASCII word. */
  readonly hash: number;
  /**
   * For a word of ASCII letters and digits alone: the text it is in, where a rule may read it (`| 32`
   * lower-cases each of its characters) without slicing out its key.
   */
  readonly source?: string | undefined;
}

/** FNV-1a over the UTF-16 units of a word key: the lexicon's bitset of first words is indexed by it. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * By char code: 1 for an ASCII letter or digit, 2 for any code unit above ASCII (which may begin or
 * continue a Unicode word: the regex decides), 3 for an ASCII control character other than tab and
 * line breaks (not plain ASCII either), 0 for anything else. A full table, so the loop needs no
 * range check before each look-up.
 */
const CLASS = new Uint8Array(65536);
CLASS.fill(3, 0, 32);
CLASS[9] = CLASS[10] = CLASS[13] = 0;
CLASS[127] = 3;
CLASS.fill(1, 48, 58);
CLASS.fill(1, 65, 91);
CLASS.fill(1, 97, 123);
CLASS.fill(2, 128);
/** 1 where `\s` matches the UTF-16 code unit (ASCII and Unicode spaces, line terminators, U+FEFF). */
export const SPACE = new Uint8Array(65536);
for (const c of [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) SPACE[c] = 1;
SPACE.fill(1, 0x2000, 0x200b);

/** A word at a given offset, as the rules define one: letters and digits, and letters after apostrophes. */
const WORD_AT = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/uy;
const NOT_PLAIN_ASCII = /[^\t\n\r -~]/;

/**
 * A word whose key is made when first read: most words are only hashed (the lexicon's bitset and
 * the pattern gates read the hash and the text), never keyed.
 */
class SplitWord implements Word {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly hash: number,
    /** Set for a word of ASCII letters and digits alone, whose key is its slice lower-cased; else `known` is the key. */
    readonly source: string | undefined,
    private known: string | undefined,
  ) {}
  get key(): string {
    if (this.known === undefined) this.known = (this.source as string).slice(this.start, this.end).toLowerCase();
    return this.known;
  }
}

export interface Words {
  list: Word[];
  /** The text is plain ASCII, split on [A-Za-z0-9] (else on Unicode letters and digits). */
  ascii: boolean;
  /** With a lexicon's `firstBits`: the indexes of the words whose hash has its bit (ascending). */
  lexiconStarts?: number[];
  /**
   * With a table of two-character prefixes (`prefixes`, at `c0 * 128 + c1` lower-cased, `c1` 0 for
   * a one-character word): the indexes of the words that may begin with one (a word of ASCII letters
   * and digits whose prefix is marked, and every other word), ascending.
   */
  prefixStarts?: number[];
}

/**
 * The words of `text` as /[\p{L}\p{N}]+(?:['’]\p{L}+)*\/gu finds them, keyed as `Word.key` says.
 * A run of ASCII letters and digits followed by neither an apostrophe nor a non-ASCII character is
 * a whole word, found by a character loop (most words); any other word is matched by the regex
 * itself at its first character. The key of the former, when a rule reads it, is its slice
 * lower-cased (each ASCII character on its own).
 */
export function splitWords(text: string, firstBits?: Uint32Array, prefixes?: Uint8Array): Words {
  const words: Word[] = [];
  const prefixHits: number[] | undefined = prefixes && [];
  // The lexicon's one bit test per word, made here where each hash is found (see lexiconMatches).
  const hits: number[] | undefined = firstBits && [];
  const hit = (hash: number) =>
    hits !== undefined && ((firstBits as Uint32Array)[hash >>> 19] as number) & (1 << (hash >>> 14));
  const n = text.length;
  let i = 0;
  // Plain ASCII (tab, line breaks and printable ASCII only), learnt on the way: the characters a
  // fast word reads are ASCII letters and digits, the others pass through a class test.
  let plain = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = CLASS[c];
    if (cls === 0) {
      i++;
      continue;
    }
    if (cls === 3) {
      plain = false;
      i++;
      continue;
    }
    if (cls === 2) plain = false;
    const start = i;
    // Lower-cased, an ASCII letter or digit is its code `| 32`: the key's hash, read in the same loop.
    let hash = 0x811c9dc5;
    if (cls === 1) {
      for (let k = c; ; ) {
        hash = Math.imul(hash ^ (k | 32), 0x01000193);
        if (++i === n) break;
        k = text.charCodeAt(i);
        if (CLASS[k] !== 1) break;
      }
    }
    const next = i < n ? text.charCodeAt(i) : 0;
    if (i > start && next !== 39 && next < 128) {
      if (hit(hash)) hits?.push(words.length);
      if (prefixHits !== undefined) {
        const slot = (c | 32) * 128 + (i - start > 1 ? text.charCodeAt(start + 1) | 32 : 0);
        if ((prefixes as Uint8Array)[slot] === 1) prefixHits.push(words.length);
      }
      words.push(new SplitWord(start, i, hash, text, undefined));
      continue;
    }
    WORD_AT.lastIndex = start;
    const m = WORD_AT.exec(text);
    if (m === null) {
      i = start + 1; // not a letter or digit
      continue;
    }
    i = WORD_AT.lastIndex;
    if (plain && NOT_PLAIN_ASCII.test(m[0])) plain = false;
    let key = m[0].toLowerCase();
    if (key.includes("'") || key.includes('’')) key = key.replace(/’/g, "'").replace(/'s$/, '');
    const keyed = keyHash(key);
    if (hit(keyed)) hits?.push(words.length);
    prefixHits?.push(words.length);
    words.push(new SplitWord(start, i, keyed, undefined, key));
  }
  return { list: words, ascii: plain, lexiconStarts: hits, prefixStarts: prefixHits };
}
