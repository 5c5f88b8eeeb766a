// The normalised view of a text: what a reader of the rendered page sees, spelled so the leak rules
// can match it. One left-to-right pass builds a "shadow" string and an offset map back to the
// writer's characters, so every finding found in the shadow still points at the source:
//
// - HTML character references (`&#45;`, `&#x2D;`, `&shy;`) and backslash escapes (`\-`) decoded,
//   as marked and the browser decode them; percent-encoding decoded inside links;
// - emphasis and code delimiters removed where marked pairs them (`Blue**bird**` reads "Bluebird",
//   `ghp_**x**` reads "ghp_x"), and a code span's padding spaces; an underscore the page shows at a
//   word's edge removed too (`OPS-1234_` reads "OPS-1234": the rules take `_` for a word character);
// - NFKC (full-width forms, NBSP -> space, ligatures), then hyphen and dash variants folded to `-`;
// - default-ignorable code points (soft hyphen, zero-width space/joiners, word joiner, BOM,
//   variation selectors) and bidi controls removed, each remembered for `invisible-character`;
// - letters of other scripts that look like Latin ones (Cyrillic, Greek, Armenian, Cherokee ...)
//   replaced by the Latin letter (the UTS #39 confusable skeleton, see confusables.ts), each word
//   mixing Latin with Cyrillic or Greek remembered for `mixed-script`;
// - a soft line break inside a token joined (`PAY-` + line break + `1234`);
// - words the page shows whole that the source splits (a link inside a word, a credential broken
//   across lines) appended after the text, each character still mapped to the writer's.
//
// Pure and linear: one pass, a constant amount of work per source character.

import { CONFUSABLES_ENCODED } from './confusables';

export interface Shadow {
  /** The normalised text the rules match on. */
  text: string;
  /** True when the shadow is the source unchanged (the map is the identity). */
  identity: boolean;
  /** Source offset where shadow character i begins. */
  from: Int32Array;
  /** Source offset where shadow character i ends (exclusive). */
  to: Int32Array;
  /** Source spans of invisible characters (default-ignorable or bidi controls) a reader cannot see. */
  invisible: { start: number; end: number; codePoint: number }[];
  /** Source spans of words mixing Latin with Cyrillic or Greek letters. */
  mixed: { start: number; end: number }[];
  /**
   * Where the view of the text in order ends (`text.length` unless words follow): after it, each word
   * the page shows whole that the source splits (see `withJoinedWords`), after a line break.
   */
  main: number;
}

/**
 * Letters of other scripts and blocks whose UTS #39 skeleton is one Latin letter (Cyrillic, Greek,
 * Armenian, Cherokee, Lisu, Coptic ..., and Latin look-alikes such as "ɑ" or "ı"), by code point:
 * generated from the Unicode confusables.txt by scripts/gen-confusables.mjs.
 */
export function confusablePairs(): [codePoint: number, latin: string][] {
  const pairs: [number, string][] = [];
  for (const group of CONFUSABLES_ENCODED.split(' ')) {
    let cp = 0;
    for (const d of group.slice(1).split(',')) {
      cp += Number.parseInt(d, 36);
      pairs.push([cp, group[0] as string]);
    }
  }
  return pairs;
}
const CONFUSABLE = new Map(confusablePairs());

/** Named character references a writer might use to hide a character (the page decodes them all). */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  zwsp: '\u200b',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  NoBreak: '\u2060',
  ZeroWidthSpace: '\u200b',
  NegativeThinSpace: '\u200b',
  hyphen: '\u2010',
  dash: '\u2010',
  ndash: '\u2013',
  mdash: '\u2014',
  minus: '\u2212',
  horbar: '\u2015',
  period: '.',
  colon: ':',
  semi: ';',
  comma: ',',
  commat: '@',
  num: '#',
  lowbar: '_',
  UnderBar: '_',
  sol: '/',
  bsol: '\\',
  percnt: '%',
  excl: '!',
  quest: '?',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  lcub: '{',
  rcub: '}',
  ast: '*',
  plus: '+',
  equals: '=',
  dollar: '$',
  Hat: '^',
  grave: '`',
  verbar: '|',
  vert: '|',
  tilde: '\u02dc', // small tilde, as HTML defines it (not "~")
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  hairsp: '\u200a',
  iota: 'ι',
  omicron: 'ο',
  alpha: 'α',
  nu: 'ν',
  rho: 'ρ',
  upsilon: 'υ',
  kappa: 'κ',
  chi: 'χ',
  Alpha: 'Α',
  Beta: 'Β',
  Epsilon: 'Ε',
  Zeta: 'Ζ',
  Eta: 'Η',
  Iota: 'Ι',
  Kappa: 'Κ',
  Mu: 'Μ',
  Nu: 'Ν',
  Omicron: 'Ο',
  Rho: 'Ρ',
  Tau: 'Τ',
  Upsilon: 'Υ',
  Chi: 'Χ',
};

/**
 * True for the named references the gate decodes (`&shy;`, `&hyphen;` ...). The renderer shows any
 * other `&name;` as the literal text, so the page never decodes a reference the gate did not read.
 */
export function isDecodedReference(name: string): boolean {
  return Object.hasOwn(NAMED, name);
}

/**
 * Default-ignorable code points (DerivedCoreProperties), bidi controls, and the control characters
 * but tab and line breaks (C0, DEL, C1): removed from the shadow. A font may draw a control as a box
 * or as nothing: either way a reader reads the word around it whole.
 */
export function isInvisible(cp: number): boolean {
  return (
    (cp < 32 && !((0x2600 >> cp) & 1)) || // C0 but tab, LF and CR (bits 9, 10 and 13)
    (cp >= 0x7f && cp <= 0x9f) || // DEL and C1 (`&#150;` is one on the page: marked decodes it as U+0096)
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x61c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfff0 && cp <= 0xfffb) || // specials and the interlinear annotation marks
    (cp >= 0x13430 && cp <= 0x1343f) || // Egyptian hieroglyph format controls
    (cp >= 0x1bca0 && cp <= 0x1bca3) ||
    (cp >= 0x1d173 && cp <= 0x1d17a) ||
    (cp >= 0xe0000 && cp <= 0xe0fff)
  );
}

/** Hyphens, dashes and minus signs (after NFKC) read as "-" in an identifier. */
function isDash(cp: number): boolean {
  return (
    (cp >= 0x2010 && cp <= 0x2015) ||
    cp === 0x2212 ||
    cp === 0x2043 ||
    cp === 0x058a ||
    cp === 0x05be ||
    cp === 0x1806 ||
    cp === 0x2e3a ||
    cp === 0x2e3b ||
    cp === 0x30fc ||
    cp === 0xfe58 ||
    cp === 0xfe63 ||
    cp === 0xff0d ||
    cp === 0x02d7 ||
    cp === 0x2796 ||
    // Box-drawing and bracket-extension strokes, double and oblique hyphens, Canadian syllabics
    // hyphen and stroke, the CJK horizontal stroke: each shows as a dash between two words.
    cp === 0x2500 ||
    cp === 0x2501 ||
    cp === 0x23af ||
    cp === 0x2e17 ||
    cp === 0x2e1a ||
    cp === 0x2e40 ||
    cp === 0x2e5d ||
    cp === 0x1400 ||
    cp === 0x1428 ||
    cp === 0x31d0
  );
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const OTHER_SCRIPT_LETTER = /[\p{L}\p{M}]/u;

const NFKC = new Map<number, string>();
function nfkc(cp: number): string {
  let s = NFKC.get(cp);
  if (s === undefined) {
    s = String.fromCodePoint(cp).normalize('NFKC');
    if (NFKC.size < 4096) NFKC.set(cp, s);
  }
  return s;
}

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return isAsciiAlnum(c);
  return LETTER_OR_DIGIT.test(ch);
}

const ENTITY = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const PERCENT = /%([0-9A-Fa-f]{2})/y;

/**
 * An invisible character a writer may legitimately use: a variation selector or zero-width joiner
 * inside an emoji, a joiner between letters of scripts that need it (Indic, Arabic, Persian), a BOM
 * at the very start.
 */
function innocentInvisible(source: string, at: number, end: number, cp: number): boolean {
  if (cp === 0xfeff && at === 0) return true;
  const before = prevChar(source, at);
  const after = nextChar(source, end);
  if (cp >= 0xfe00 && cp <= 0xfe0f) return PICTOGRAPHIC.test(before) || after === '\u20e3';
  if (cp === 0x200d) return (PICTOGRAPHIC.test(before) && PICTOGRAPHIC.test(after)) || nonLatinLetters(before, after);
  if (cp === 0x200c) return nonLatinLetters(before, after);
  return false;
}

function nonLatinLetters(before: string, after: string): boolean {
  const other = (s: string) => s !== '' && OTHER_SCRIPT_LETTER.test(s) && !LATIN.test(s) && !CYRILLIC_OR_GREEK.test(s);
  return other(before) && other(after);
}

function prevChar(s: string, at: number): string {
  if (at <= 0) return '';
  const c = s.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) return s.slice(at - 2, at);
  return s[at - 1] ?? '';
}

function nextChar(s: string, at: number): string {
  const cp = s.codePointAt(at);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * A visible non-ASCII code point as the shadow spells it: NFKC, then dashes to "-", curly quotes
 * and primes to ASCII quotes, look-alike letters to their Latin skeleton; with a bit set for each
 * output character that was a Cyrillic or Greek letter (the words to check for mixed scripts).
 * Cached per code point: each distinct character is worked out once per process.
 */
interface Folded {
  text: string;
  foreign: number;
}
const FOLDED = new Map<number, Folded>();
/** Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional: the accented Latin letters. */
const ACCENTED_LATIN = /[\u00c0-\u024f\u1e00-\u1eff]/;
/** The combining marks of the generic diacritic blocks (Latin, Greek, Cyrillic and symbols). */
const isDiacritic = (c: number) =>
  (c >= 0x300 && c <= 0x36f) ||
  (c >= 0x1ab0 && c <= 0x1aff) ||
  (c >= 0x1dc0 && c <= 0x1dff) ||
  (c >= 0x20d0 && c <= 0x20ff) ||
  (c >= 0xfe20 && c <= 0xfe2f);

function foldedOf(cp: number): Folded {
  const cached = FOLDED.get(cp);
  if (cached) return cached;
  let text = '';
  let foreign = 0;
  const compatible = nfkc(cp);
  // A Latin letter with an accent reads as the letter ("Bluebírd", "Jose" for "José"): its
  // canonical decomposition, whose combining marks are dropped below. Only Latin: "й" is a letter.
  for (const ch of ACCENTED_LATIN.test(compatible) ? compatible.normalize('NFD') : compatible) {
    const c = ch.codePointAt(0) as number;
    if (c < 128) text += ch;
    else if (isDash(c)) text += '-';
    // Combining marks over or under a letter (`P̲r̲i̲y̲a̲`, a keycap's frame): the letter is what is read.
    // Also the replacement character, which a null or out-of-range reference (`&#0;`) decodes to: no letter.
    else if (isDiacritic(c) || c === 0xfffd) continue;
    // An ideographic full stop, which a URL's host reads as a dot; line and paragraph separators.
    else if (c === 0x3002) text += '.';
    else if (c === 0x2028 || c === 0x2029) text += '\n';
    else if (c === 0x2018 || c === 0x2019 || c === 0x201b || c === 0x2032) text += "'";
    else if (c === 0x201c || c === 0x201d || c === 0x201f || c === 0x2033) text += '"';
    else {
      if (c !== 0x3bc && CYRILLIC_OR_GREEK.test(ch) && LETTER_OR_DIGIT.test(ch) && text.length < 31)
        foreign |= 1 << text.length;
      text += CONFUSABLE.get(c) ?? ch;
    }
  }
  const folded = { text, foreign };
  if (FOLDED.size < 8192) FOLDED.set(cp, folded);
  return folded;
}
/**
 * Plain text (no markup) as the shadow spells it: each code point folded as above, invisible ones
 * dropped. The lexicon keys its names with it, so a name matches however the text spells it.
 */
export function foldText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    out += cp < 128 ? ch : isInvisible(cp) ? '' : foldedOf(cp).text;
  }
  return out;
}
const NO_ARRAY = new Int32Array(0);

/** Maps shadow characters from `at` on to source[start, end), one each (a copy). */
function fill(from: Int32Array, to: Int32Array, at: number, start: number, end: number): void {
  for (let k = start; k < end; k++, at++) {
    from[at] = k;
    to[at] = k + 1;
  }
}
/**
 * Any character but those copied as they are (printable ASCII, tab and CR, but not `&\\%*_~\`` or
 * LF): a regex finds the next one faster than a character loop.
 */
const NOT_PLAIN = /[^\t\r -$'-)+-[\]-^a-}]/g;

export function buildShadow(source: string, markers?: Uint8Array, links: readonly number[] = []): Shadow {
  const n = source.length;
  let cap = 0;
  let from = NO_ARRAY;
  let to = NO_ARRAY;
  const parts: string[] = [];
  let len = 0;
  /** The last shadow character, and the one before it (for the rules that look back), once `mapped`. */
  let last = '';
  let beforeLast = '';
  const invisible: Shadow['invisible'] = [];
  /** Shadow offsets of Cyrillic and Greek letters (before the skeleton): the words to check for mixing. */
  const foreign: number[] = [];
  /**
   * False while the shadow so far is the source unchanged (source[0, i) copied as it is): then
   * nothing is written, as `len === i` and the last characters are the source's. The first change
   * (`diverge`) writes that prefix out once, and from there on every character is mapped. Most
   * texts never change, so they cost one scan and no map at all.
   */
  let mapped = false;
  /**
   * A run of underscores the page shows (`OPS-1234_`, `_db-prod-03`), just written to the shadow,
   * whose fate waits for the next character the page shows: at a word's edge it reads as punctuation
   * outside the word and goes (the rules take `_` for part of a word); between two words it stays.
   */
  let edge: { parts: number; len: number; last: string; beforeLast: string } | null = null;
  const settle = (next: string | undefined) => {
    const e = edge as NonNullable<typeof edge>;
    edge = null;
    if (isWordChar(e.last) !== isWordChar(next)) {
      parts.length = e.parts;
      len = e.len;
      last = e.last;
      beforeLast = e.beforeLast;
    }
  };

  const grow = (need: number) => {
    while (cap < need) cap *= 2;
    const f = new Int32Array(cap);
    f.set(from);
    from = f;
    const t = new Int32Array(cap);
    t.set(to);
    to = t;
  };
  /** The shadow departs from the source at source offset `at`: the identity prefix written out. */
  const diverge = (at: number) => {
    if (mapped) return;
    mapped = true;
    cap = n + 16;
    from = new Int32Array(cap);
    to = new Int32Array(cap);
    fill(from, to, 0, 0, at);
    len = at;
    if (at > 0) parts.push(source.slice(0, at));
    last = source[at - 1] ?? '';
    beforeLast = source[at - 2] ?? '';
  };
  /** Copies source[start, end) unchanged. */
  const copy = (start: number, end: number) => {
    if (!mapped || end <= start) return;
    if (edge && source.charCodeAt(start) !== 95) settle(source[start]);
    if (len + (end - start) + 1 >= cap) grow(len + (end - start) + 2);
    fill(from, to, len, start, end);
    len += end - start;
    parts.push(source.slice(start, end));
    beforeLast = end - start >= 2 ? (source[end - 2] as string) : last;
    last = source[end - 1] as string;
  };
  /** Appends shadow characters `s` standing for source[start, end). */
  const push = (s: string, start: number, end: number) => {
    if (edge && s !== '_') settle(s[0]);
    if (len + s.length + 1 >= cap) grow(len + s.length + 2);
    for (let k = 0; k < s.length; k++) {
      from[len] = start;
      to[len] = end;
      len++;
    }
    parts.push(s);
    beforeLast = s.length >= 2 ? (s[s.length - 2] as string) : last;
    last = s[s.length - 1] ?? last;
  };
  /** An underscore the page shows: held as `edge` (with any just before it) until the next character. */
  const underscore = (start: number, end: number) => {
    const held = edge ?? { parts: parts.length, len, last, beforeLast };
    push('_', start, end);
    edge = held;
  };
  /** One character of rendered text (a code point), through NFKC, dash folding and the skeleton. */
  const emit = (cp: number, start: number, end: number) => {
    diverge(start);
    if (isInvisible(cp)) {
      if (!innocentInvisible(source, start, end, cp) || end - start > 2) invisible.push({ start, end, codePoint: cp });
      return;
    }
    if (cp < 128) {
      cp === 95 ? underscore(start, end) : push(String.fromCharCode(cp), start, end);
      return;
    }
    const folded = foldedOf(cp);
    if (!folded.text) return; // a combining mark: nothing to read
    if (edge) settle(folded.text[0]); // before `len` places the foreign letters
    if (folded.foreign !== 0) {
      for (let k = 0; k < folded.text.length; k++) if (folded.foreign & (1 << k)) foreign.push(len + k);
    }
    push(folded.text, start, end);
  };

  const link = linkTracker(source);
  /** Where the code span being read has its closing padding space (see markerRoles), else -1. */
  let pad = -1;
  let i = 0;
  while (i < n) {
    NOT_PLAIN.lastIndex = i;
    const j = NOT_PLAIN.test(source) ? NOT_PLAIN.lastIndex - 1 : n;
    if (pad >= i && pad <= j) {
      // The space padding a code span's end, which the page drops.
      copy(i, pad);
      diverge(pad);
      i = pad + 1;
      pad = -1;
      continue;
    }
    copy(i, j);
    i = j;
    if (i >= n) break;
    const c = source.charCodeAt(i);
    // Character references, as the browser decodes them.
    if (c === 38) {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(source);
      const end = m ? i + m[0].length : i;
      let decoded: string | undefined;
      if (m && (m[1] !== undefined || m[2] !== undefined)) {
        const cp = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2] as string, 16);
        decoded = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
      } else if (m && isDecodedReference(m[3] as string)) decoded = NAMED[m[3] as string]; // own names only: "&constructor;" is text
      if (decoded !== undefined) {
        for (const ch of decoded) emit(ch.codePointAt(0) as number, i, end);
        i = end;
        continue;
      }
      copy(i, i + 1);
      i++;
      continue;
    }
    // Backslash escapes: the punctuation itself, never markup.
    if (c === 92) {
      const next = source[i + 1];
      if (next !== undefined && ASCII_PUNCT.test(next)) {
        diverge(i);
        next === '_' ? underscore(i, i + 2) : push(next, i, i + 2);
        i += 2;
        continue;
      }
      copy(i, i + 1);
      i++;
      continue;
    }
    // Percent-encoding inside a link: one decoded character per UTF-8 sequence.
    if (c === 37) {
      const decoded = link.at(i) ? percentSequence(source, i) : null;
      if (decoded) {
        for (const ch of decoded.text) emit(ch.codePointAt(0) as number, i, decoded.end);
        i = decoded.end;
        continue;
      }
      copy(i, i + 1);
      i++;
      continue;
    }
    const lastChar = mapped ? last : (source[i - 1] ?? '');
    // Emphasis, strikethrough and code markers touching a word: the page shows the word whole.
    if (c === 42 || c === 126 || c === 96 || c === 95) {
      let j2 = i;
      while (j2 < n && source.charCodeAt(j2) === c) j2++;
      if (markers?.[i]) {
        // Placed by marked: its delimiters go and what the page shows stays, except an underscore that
        // turns out to sit at a word's edge (`edge`). Inside a word it is text: `snake_case`.
        if (
          c !== 95 ||
          (markers[i] === 1 &&
            markers[j2 - 1] === 1 &&
            isWordChar(lastChar) &&
            source.charCodeAt(j2) < 128 &&
            isWordChar(source[j2]))
        ) {
          for (let k = i; k < j2; k++) markers[k] === 2 ? diverge(k) : copy(k, k + 1);
          i = j2;
          if (markers[i] === 3) {
            // A code span's opening padding space goes too.
            diverge(i);
            pad = markers.indexOf(3, ++i);
          }
          continue;
        }
        diverge(i);
        for (let k = i; k < j2; k++) if (markers[k] !== 2) underscore(k, k + 1);
        i = j2;
        continue;
      }
      // Else by the flanking rules alone (which cannot see whether a marker is paired). An underscore
      // looks past other markers: `ghp_**x**` keeps it, whether or not the `**` go.
      const prevWord = isWordChar(lastChar) && isWordChar(source[i - 1]);
      let next = j2;
      if (c === 95) while (next < n && '*~`'.includes(source[next] as string)) next++;
      const nextWord = isWordChar(source[next]);
      const remove = c === 95 ? prevWord !== nextWord : prevWord || nextWord;
      if (remove) diverge(i);
      else copy(i, j2);
      i = j2;
      continue;
    }
    if (c === 10) {
      // A soft line break inside a token: "PAY-" / "1234", or "PAY" / "-1234".
      let j2 = i + 1;
      while (j2 < n && (source.charCodeAt(j2) === 32 || source.charCodeAt(j2) === 9)) j2++;
      // The cheap comparisons first: most line breaks follow no hyphen and precede none.
      const joinsAfterHyphen =
        (lastChar === '-' || lastChar === '_') &&
        isWordChar(mapped ? beforeLast : source[i - 2]) &&
        isWordChar(source[j2]);
      const joinsBeforeHyphen = source[j2] === '-' && isWordChar(lastChar) && isWordChar(source[j2 + 1]);
      if (joinsAfterHyphen || joinsBeforeHyphen) {
        diverge(i);
        i = j2;
        continue;
      }
      copy(i, i + 1);
      i++;
      continue;
    }
    const cp = source.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;
    emit(cp, i, i + size);
    i += size;
  }
  if (edge) settle(undefined);
  if (!mapped)
    return withJoinedWords(source, links, {
      text: source,
      identity: true,
      from: NO_ARRAY,
      to: NO_ARRAY,
      invisible,
      mixed: [],
      main: n,
    });
  const text = parts.join('');
  const mixed = mixedWords(text, foreign, from, to);
  from[len] = n;
  to[len] = n;
  return withJoinedWords(source, links, { text, identity: false, from, to, invisible, mixed, main: len });
}

/** The longest run of a word piece, a link's text or target, or a broken credential the join looks at. */
const JOIN_SPAN = 256;
const isBlank = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;

/** Where the run of non-blank characters ending at `at` begins (at most JOIN_SPAN back). */
function runStart(source: string, at: number): number {
  let k = at;
  while (k > 0 && at - k < JOIN_SPAN && !isBlank(source.charCodeAt(k - 1))) k--;
  return k;
}
/** Where the run of non-blank characters starting at `at` ends (at most JOIN_SPAN on). */
function runEnd(source: string, at: number): number {
  let k = at;
  while (k < source.length && k - at < JOIN_SPAN && !isBlank(source.charCodeAt(k))) k++;
  return k;
}

/**
 * Words the page shows whole although the source splits them, appended to the shadow (each after a
 * line break, every character still mapped to the writer's), so the rules read them as a reader does:
 * - a link inside a word: `ghp_ab[cd](https://…)ef` and `Blue[bird][1]` show "ghp_abcdef" and
 *   "Bluebird" (the link's text between the word's halves; the target stays in the main view);
 * - a credential-like run broken across lines (`AKIAIOSF` / `ODNN7EXAMPLE`, at least 16 letters and
 *   digits with both, over as many as 8 lines, however the break is written: a line break, `&#10;`,
 *   a hard break, a quote's next line): the page shows it with a space or a break, and a reader
 *   copies it whole.
 * Linear: each `]` and line break is looked at once, with scans bounded by JOIN_SPAN; a word holding
 * many links is one joined word, so what is appended is at most about twice the source.
 */
function withJoinedWords(source: string, placed: readonly number[], shadow: Shadow): Shadow {
  const pieces: number[][] = [];
  const n = source.length;
  // The links marked placed, and any other `[...](...)` or `[...][...]` (a reference with no
  // definition shows its brackets, and a plain-text field shows all of it: read it joined as well).
  const links = [...placed];
  const known = new Set(placed.filter((_, k) => k % 4 === 0));
  let open = -1; // the last "[" before `p`
  let seen = 0;
  // The first ")" and the first "]" at or after a target's start: each only ever searched forward.
  let paren = -1;
  let bracket = -1;
  const after = (c: string, from: number) => {
    const k = source.indexOf(c, from);
    return k === -1 ? n : k;
  };
  for (let p = source.indexOf(']'); p !== -1 && links.length < 8000; p = source.indexOf(']', p + 1)) {
    for (; seen < p; seen++) if (source.charCodeAt(seen) === 91) open = seen;
    const kind = source.charCodeAt(p + 1);
    if ((kind !== 40 && kind !== 91) || open === -1 || p - open > JOIN_SPAN || known.has(open)) continue;
    if (kind === 40) {
      if (paren < p + 2) paren = after(')', p + 2);
    } else if (bracket < p + 2) bracket = after(']', p + 2);
    const found = kind === 40 ? paren : bracket;
    if (found < n && found - p <= JOIN_SPAN * 8) links.push(open, open + 1, p, found + 1);
  }
  const order = Array.from({ length: links.length / 4 }, (_, k) => 4 * k).sort(
    (x, y) => (links[x] as number) - (links[y] as number),
  );
  /** The joined word being built: source ranges to keep, [start, end, start, end, ...]. */
  let word: number[] = [];
  for (const k of order) {
    if (pieces.length >= 1000) break;
    const [open, textStart, textEnd, close] = links.slice(k, k + 4) as [number, number, number, number];
    const before = runStart(source, open);
    const end = runEnd(source, close);
    const last = word.length - 1;
    if (last > 0 && before < (word[last] as number)) {
      // Another link in the word being joined: its kept text ends at this link (unless the link sits
      // inside what is already dropped). Each source character is kept at most once.
      if (open < (word[last - 1] as number)) continue;
      word[last] = open;
      word.push(textStart, textEnd, close, end);
    } else if (before < open || end > close) {
      word = [before, open, textStart, textEnd, close, end];
      pieces.push(word);
    }
  }
  const { text, main, identity } = shadow;
  const joins: number[][] = [];
  // Broken across lines, read in the shadow (references decoded, markup gone): each line's run that
  // reaches the line's end continues on the next line, after its indent or quote's `>`; a hard
  // break's spaces or backslash are not part of it.
  // `line`: where the line ending at `p` begins (after the line break before it, found by this loop).
  for (
    let p = text.indexOf('\n'), line = 0;
    p !== -1 && joins.length < 1000;
    line = p + 1, p = text.indexOf('\n', p + 1)
  ) {
    let a = p;
    while (a > 0 && (text.charCodeAt(a - 1) === 32 || text.charCodeAt(a - 1) === 92)) a--;
    // Not from a heading: the page shows it as a block of its own.
    while (text.charCodeAt(line) === 32 || text.charCodeAt(line) === 62) line++;
    if (text.charCodeAt(line) === 35) continue;
    const join = [runStart(text, a), a];
    let end = p;
    while (join.length < 16 && text.charCodeAt(end) === 10) {
      let q = end + 1;
      while (q < main && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 62)) q++;
      end = runEnd(text, q);
      join.push(q, end);
    }
    // Both sides of the first break must hold something (most line breaks end a sentence or a block).
    const q = join[2] as number;
    if (join[0] === a || join[3] === q) continue;
    let joined = '';
    for (let k = 0; k < join.length; k += 2) joined += text.slice(join[k], join[k + 1]);
    // A token with a hyphen at the break (`PAY-` / `1234`), or a credential-like run.
    const hyphen =
      (text[a - 1] === '-' && isWordChar(text[a - 2]) && isWordChar(text[q])) ||
      (text[q] === '-' && isWordChar(text[a - 1]) && isWordChar(text[q + 1]));
    if (
      /^[A-Za-z0-9_+/=.-]+$/.test(joined) &&
      (hyphen || (joined.length >= 16 && /\d/.test(joined) && /[A-Za-z]/.test(joined)))
    )
      joins.push(join);
  }
  if (joins.length + pieces.length === 0) return shadow;
  let out = text.slice(0, main);
  const from: number[] = [];
  const to: number[] = [];
  for (let x = 0; x < main; x++) {
    from.push(identity ? x : (shadow.from[x] as number));
    to.push(identity ? x + 1 : (shadow.to[x] as number));
  }
  /** Appends one shadow character standing for source[f, t). */
  const add = (ch: string, f: number, t: number) => {
    out += ch;
    from.push(f);
    to.push(t);
  };
  // A word with links inside reads as its own source with the links' syntax taken out, through a
  // shadow of its own (an underscore between the halves is inside the word: `[ghp_](…)x` is "ghp_x").
  for (const piece of pieces) {
    let word = '';
    const at: number[] = [];
    for (let k = 0; k < piece.length; k += 2) {
      word += source.slice(piece[k], piece[k + 1]);
      for (let x = piece[k] as number; x < (piece[k + 1] as number); x++) at.push(x);
    }
    const sub = buildShadow(word);
    add('\n', piece[0] as number, piece[0] as number); // the line break stands for nothing
    for (let k = 0; k < sub.main; k++) {
      const f = sub.identity ? k : (sub.from[k] as number);
      const t = sub.identity ? k + 1 : (sub.to[k] as number);
      add(sub.text[k] as string, at[f] as number, (at[Math.max(f, t - 1)] as number) + 1);
    }
  }
  for (const join of joins) {
    add('\n', from[join[0] as number] as number, from[join[0] as number] as number);
    for (let k = 0; k < join.length; k += 2)
      for (let x = join[k] as number; x < (join[k + 1] as number); x++)
        add(text[x] as string, from[x] as number, to[x] as number);
  }
  from.push(n);
  to.push(n);
  const { invisible, mixed } = shadow;
  return { text: out, identity: false, from: Int32Array.from(from), to: Int32Array.from(to), invisible, mixed, main };
}

/**
 * Within a link: the characters since the last space hold "://", "](" or "mailto:". Asked at
 * increasing offsets, it looks at each source character once in all (a `%` run must not rescan what
 * it passed), walking back from the offset: one of those met before a space answers yes, a space
 * met first answers no, and reaching what an earlier question covered keeps that answer.
 */
function linkTracker(source: string): { at(offset: number): boolean } {
  let scanned = 0;
  let inside = false;
  return {
    at(offset: number): boolean {
      for (let k = offset - 1; k >= scanned; k--) {
        const c = source.charCodeAt(k);
        if (c === 32 || c === 10 || c === 9) {
          inside = false;
          break;
        }
        if (
          (c === 47 && source.charCodeAt(k - 1) === 47 && source.charCodeAt(k - 2) === 58) ||
          (c === 40 && source.charCodeAt(k - 1) === 93) ||
          (c === 58 && source.slice(k - 6, k).toLowerCase() === 'mailto')
        ) {
          inside = true;
          break;
        }
      }
      if (offset > scanned) scanned = offset;
      return inside;
    },
  };
}

/**
 * The words (runs of letters and digits in the shadow) holding a Cyrillic or Greek letter and a
 * Latin one that was written as Latin: source spans. Each word is looked at once.
 */
function mixedWords(text: string, foreign: number[], from: Int32Array, to: Int32Array): Shadow['mixed'] {
  const out: Shadow['mixed'] = [];
  if (foreign.length === 0) return out;
  const isForeign = new Set(foreign);
  let doneUntil = -1;
  for (const at of foreign) {
    if (at < doneUntil) continue;
    let start = at;
    while (start > 0 && isWordChar(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && isWordChar(text[end])) end++;
    doneUntil = end;
    let latin = false;
    for (let k = start; k < end && !latin; k++) {
      const ch = text[k] as string;
      if (!isForeign.has(k) && LATIN.test(ch)) latin = true;
    }
    if (latin) out.push({ start: from[start] ?? 0, end: to[end - 1] ?? 0 });
  }
  return out;
}

function percentSequence(source: string, at: number): { text: string; end: number } | null {
  PERCENT.lastIndex = at;
  const m = PERCENT.exec(source);
  if (!m) return null;
  const lead = Number.parseInt(m[1] as string, 16);
  const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (size === 0) return null;
  if (size === 1) return lead >= 0x21 && lead <= 0x7e ? { text: String.fromCharCode(lead), end: at + 3 } : null;
  const end = at + size * 3;
  const chunk = source.slice(at, end);
  if (!/^(?:%[0-9A-Fa-f]{2})+$/.test(chunk) || chunk.length !== size * 3) return null;
  try {
    return { text: decodeURIComponent(chunk), end };
  } catch {
    return null;
  }
}

/** The source span of the shadow span [start, end). */
export function toSource(shadow: Shadow, start: number, end: number): { start: number; end: number } {
  if (shadow.identity) return { start, end };
  if (end <= start) {
    const at = shadow.from[start] ?? 0;
    return { start: at, end: at };
  }
  return { start: shadow.from[start] ?? 0, end: shadow.to[end - 1] ?? 0 };
}

/**
 * The shadow offset of a source offset: the first shadow character that begins at or after it.
 * A binary search per call (callers ask for a few offsets): `from` never decreases over the view of
 * the text in order, as that view is written left to right.
 */
export function shadowIndex(shadow: Shadow, sourceLength: number): (offset: number) => number {
  if (shadow.identity) return (o) => o;
  return (o) => {
    const target = Math.max(0, Math.min(sourceLength, o));
    let lo = 0;
    let hi = shadow.main;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((shadow.from[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
