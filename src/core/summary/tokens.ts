// The words of a summary, split once per lint and shared: the lexicon rules look each one up as the
// start of a phrase, the pattern rules run a keyword pattern only when its trigger word occurs.

export interface Word {
  start: number;
  end: number;
  /** Lower-cased, curly apostrophe made straight, a trailing "'s" dropped ("Jane's" -> "jane"). */
  key: string;
}

/**
 * The class of each UTF-16 unit, for words as /[\p{L}\p{N}]+(?:['’]\p{L}+)*\/u splits them:
 * ASCII filled in here, other units when first met (one regex test per distinct character per
 * process). A high surrogate is PAIR: the class is its code point's, looked up in ASTRAL.
 */
const UNKNOWN = 0;
const OTHER = 1;
const NUMBER = 2;
const LETTER = 3;
const PAIR = 4;
const CLASS = new Uint8Array(0x10000);
CLASS.fill(OTHER, 0, 128);
CLASS.fill(NUMBER, 48, 58);
CLASS.fill(LETTER, 65, 91);
CLASS.fill(LETTER, 97, 123);
CLASS.fill(PAIR, 0xd800, 0xdc00);
const ASTRAL = new Map<number, number>();
const IS_LETTER = /\p{L}/u;
const IS_NUMBER = /\p{N}/u;
function classOf(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? NUMBER : OTHER;
}
/** The class of the code point at `i`, whose unit is UNKNOWN (worked out now) or PAIR (a lone surrogate is OTHER). */
function rareClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (CLASS[c] === UNKNOWN) CLASS[c] = classOf(c);
  if (CLASS[c] !== PAIR) return CLASS[c] as number;
  const cp = text.codePointAt(i) as number;
  if (cp <= 0xffff) return OTHER;
  let k = ASTRAL.get(cp);
  if (k === undefined) {
    k = classOf(cp);
    if (ASTRAL.size < 4096) ASTRAL.set(cp, k);
  }
  return k;
}
/**
 * Where the run of code points of class `min` or above (NUMBER: letters and digits; LETTER) that
 * starts at `i` ends; `runNonAscii` says whether it holds a non-ASCII unit.
 */
let runNonAscii = false;
function runEnd(text: string, i: number, min: number): number {
  const n = text.length;
  runNonAscii = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    let k = CLASS[c] as number;
    if (k === UNKNOWN || k === PAIR) k = rareClass(text, i);
    if (k < min) break;
    if (c >= 128) {
      runNonAscii = true;
      if (CLASS[c] === PAIR) i++; // a letter or digit beyond the BMP: two units
    }
    i++;
  }
  return i;
}
const NOT_PLAIN_ASCII = /[^\t\n\r -~]/;

export interface Words {
  list: Word[];
  /** The text is plain ASCII, split on [A-Za-z0-9] (else on Unicode letters and digits). */
  ascii: boolean;
}

export function wordsOf(text: string): Word[] {
  return splitWords(text).list;
}

/**
 * The words of `text` as /[\p{L}\p{N}]+(?:['’]\p{L}+)*\/gu finds them, keyed as `Word.key` says,
 * found by a loop over character classes. Keys are sliced from one lower-casing of the whole
 * text: per character it is the word's own lower-casing, and it keeps every offset unless the text
 * holds "İ" (the one code point it lengthens; none shortens). A word with non-ASCII letters is
 * lower-cased on its own, as the regex's match was (Greek final sigma depends on the word).
 */
export function splitWords(text: string): Words {
  const words: Word[] = [];
  const lower = text.toLowerCase();
  const aligned = lower.length === text.length;
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Not a letter or digit (a low surrogate is OTHER, so the search goes code point by code point).
    if (CLASS[text.charCodeAt(i)] === OTHER) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    // Letters and digits: ASCII ones stepped over here, any other code point classed by runEnd.
    for (;;) {
      for (let c = text.charCodeAt(i); c < 128 && (CLASS[c] as number) >= NUMBER; c = text.charCodeAt(i)) i++;
      if (i >= n || text.charCodeAt(i) < 128) break;
      const end = runEnd(text, i, NUMBER);
      if (end === i) break;
      ascii = false;
      i = end;
    }
    if (i === start) {
      i++;
      continue;
    }
    let apostrophe = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== 39 && c !== 0x2019) break;
      const end = runEnd(text, i + 1, LETTER);
      if (end === i + 1) break;
      apostrophe = true;
      if (c !== 39 || runNonAscii) ascii = false;
      i = end;
    }
    let key = ascii && aligned ? lower.slice(start, i) : text.slice(start, i).toLowerCase();
    if (apostrophe) key = key.replace(/’/g, "'").replace(/'s$/, '');
    words.push({ start, end: i, key });
  }
  return { list: words, ascii: !NOT_PLAIN_ASCII.test(text) };
}
