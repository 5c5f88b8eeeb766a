// The words of a summary, split once per lint and shared: the lexicon rules look each one up as the
// start of a phrase, the pattern rules run a keyword pattern only when its trigger word occurs.

export interface Word {
  start: number;
  end: number;
  /** Lower-cased, curly apostrophe made straight, a trailing "'s" dropped ("Jane's" -> "jane"). */
  key: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const LETTER = 2;
/** 1 for an ASCII digit, LETTER for an ASCII letter, 0 for anything else (indexed by char code). */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = LETTER;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = LETTER;
const NOT_PLAIN_ASCII = /[^\t\n\r -~]/;

export interface Words {
  list: Word[];
  /** The text is plain ASCII, split on [A-Za-z0-9] (else on Unicode letters and digits). */
  ascii: boolean;
}

export function wordsOf(text: string): Word[] {
  return splitWords(text).list;
}

export function splitWords(text: string): Words {
  const words: Word[] = [];
  if (NOT_PLAIN_ASCII.test(text)) {
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
      let key = m[0].toLowerCase();
      if (key.includes("'") || key.includes('’')) key = key.replace(/’/g, "'").replace(/'s$/, '');
      words.push({ start: m.index, end: m.index + m[0].length, key });
    }
    return { list: words, ascii: false };
  }
  // Plain ASCII (the common case): the same words as /[A-Za-z0-9]+(?:'[A-Za-z]+)*/g, found by a
  // character loop, with keys sliced from one lower-casing of the whole text.
  const lower = text.toLowerCase();
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (ASCII_CLASS[text.charCodeAt(i)] === 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && ASCII_CLASS[text.charCodeAt(i)] !== 0) i++;
    let apostrophe = false;
    while (text.charCodeAt(i) === 39 && ASCII_CLASS[text.charCodeAt(i + 1)] === LETTER) {
      apostrophe = true;
      i += 2;
      while (ASCII_CLASS[text.charCodeAt(i)] === LETTER) i++;
    }
    const key = lower.slice(start, i);
    words.push({ start, end: i, key: apostrophe ? key.replace(/'s$/, '') : key });
  }
  return { list: words, ascii: true };
}
