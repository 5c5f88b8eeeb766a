// The summary as a document: its four sections found from headings (marked.lexer), the plain-text
// word count, and offset -> line/column. Positions are computed against the submitted text itself
// (CRLF counts as one line break), never against marked's rewritten tokens.
import { Lexer, type Token, Tokenizer, type Tokens } from 'marked';
import { SPACE } from './tokens';
import { SECTION_KEYS, SECTION_TITLES, type SectionKey, type SummarySections } from './types';

const SYNONYMS: Record<SectionKey, string[]> = {
  whatHappened: [
    'what happened',
    'summary',
    'incident summary',
    'overview',
    'incident overview',
    'what went wrong',
    'description',
    'the issue',
    'issue summary',
    'event summary',
    'what was the issue',
    'what happened and when',
    'the incident',
  ],
  whoWasAffected: [
    'who was affected',
    'who is affected',
    'who was impacted',
    'impact',
    'customer impact',
    'user impact',
    'affected customers',
    'affected users',
    'scope',
    'scope of impact',
    'impact and scope',
    'who was affected and how',
    'affected services',
  ],
  whatWeDid: [
    'what we did',
    'resolution',
    'remediation',
    'mitigation',
    'how we fixed it',
    'what we did to fix it',
    'how we resolved it',
    'the fix',
    'fix',
    'response',
    'our response',
    'recovery',
    'resolution and recovery',
    'how it was resolved',
    'actions taken',
    'what we did about it',
    'how we responded',
  ],
  prevention: [
    'what we are doing to prevent it',
    'next steps',
    'prevention',
    'preventing recurrence',
    'preventive measures',
    'preventative measures',
    'follow-up',
    'follow up',
    'follow-ups',
    'follow-up actions',
    'action items',
    'what is next',
    'what we are doing next',
    'going forward',
    'moving forward',
    'what we will do',
    'what we are doing about it',
    'what we are changing',
    'future prevention',
    'how are we making incidents like this less likely',
    'how we are making incidents like this less likely',
    'making incidents like this less likely',
    'what are we doing about this',
    'what are we doing about it',
    'what we are doing about this',
    'why this will not happen again',
    'why it will not happen again',
    'how we will make sure this does not happen again',
    'what we are doing to make sure this does not happen again',
    'what we have changed',
    'what we are improving',
    'how we will prevent this',
    'lessons and next steps',
  ],
};
const SYNONYM_INDEX = new Map<string, SectionKey>();
for (const key of SECTION_KEYS) for (const s of SYNONYMS[key]) SYNONYM_INDEX.set(s, key);
const PREVENTION_PREFIX =
  /^(what we are doing (to prevent|so that|to make sure|to stop)|how we (will|are going to|plan to) prevent|preventing (this|it|a) )/;

/**
 * The fallback for headings not on the list: keywords, checked in this order (prevention before
 * what-we-did, so "How we will prevent it" is not a fix; impact before what-happened, so "Summary of
 * impact" is about who was affected). Headings about the analysis (timeline, root cause,
 * background) never fall back to "What happened" or "Who was affected": their content is not the
 * customer's story, and must not satisfy those sections.
 */
const FALLBACK: [SectionKey, RegExp][] = [
  [
    'prevention',
    /\bprevent|\bnext steps?\b|\bfollow[- ]?ups?\b|\baction items?\b|\bfuture\b|\bimprovements?\b|\blessons?\b|\b(?:going|moving) forward\b|\brecurr|\bwhat is next\b|\bwe will\b|\bwe are (?:changing|doing|improving)\b|\bcommitments?\b|\bsafeguards?\b|\bavoid/,
  ],
  [
    'whatWeDid',
    /\bresol|\bremedia|\bmitigat|\brespon[sd]|\bfix|\brecover|\brestor|\bwe did\b|\bactions? taken\b|\bhow we (?:handled|addressed|responded)/,
  ],
  ['whoWasAffected', /\baffect|\bimpact|\bscope\b|\bwho\b|\bblast radius\b/],
  ['whatHappened', /happen|\bsummary\b|\boverview\b|\bdescription\b|\bincident\b|\bissue\b|\bproblem\b|\bwent wrong\b/],
];
const ANALYSIS_HEADING =
  /^why\b|^(?:what|the) caused?\b|\btimeline\b|\bchronolog|\bsequence of events\b|\broot causes?\b|\bbackground\b|\bcontributing factors?\b|\bappendix\b|\btechnical details?\b|\bglossary\b/;

export interface HeadingSection {
  key: SectionKey;
  /** On the accepted list (or its "what we are doing to ..." forms), not guessed from keywords. */
  exact: boolean;
}

const HEADING_CACHE = new Map<string, HeadingSection | null>();
const HEADING_CACHE_SIZE = 512;

/** Maps a heading's text to its section: case-insensitive, trailing punctuation and numbering ignored. */
export function sectionForHeading(heading: string): SectionKey | null {
  return classifyHeading(heading)?.key ?? null;
}

/** The section a heading names, and whether it is an accepted heading or a keyword guess. */
export function classifyHeading(heading: string): HeadingSection | null {
  // Summaries reuse a handful of headings: remember the answers (a pure function of the text).
  const cached = HEADING_CACHE.get(heading);
  if (cached !== undefined) return cached;
  const key = headingSection(heading);
  if (HEADING_CACHE.size >= HEADING_CACHE_SIZE) HEADING_CACHE.clear();
  HEADING_CACHE.set(heading, key);
  return key;
}

function headingSection(heading: string): HeadingSection | null {
  const h = heading
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[*_~]/g, '')
    .replace(/&/g, ' and ')
    .replace(/^\s*(\d+[.)]|[ivx]+\.)\s+/, '')
    .replace(/\bwe're\b/g, 'we are')
    .replace(/\bwe'll\b/g, 'we will')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\bdoesn't\b/g, 'does not')
    .replace(/\bisn't\b/g, 'is not')
    .replace(/\bwhat's\b/g, 'what is')
    .replace(/[\s.:?!…;,—–-]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  const exact = SYNONYM_INDEX.get(h) ?? (PREVENTION_PREFIX.test(h) ? 'prevention' : null);
  if (exact) return { key: exact, exact: true };
  const analysis = ANALYSIS_HEADING.test(h);
  for (const [key, re] of FALLBACK) {
    if (analysis && (key === 'whatHappened' || key === 'whoWasAffected')) continue;
    if (re.test(h)) return { key, exact: false };
  }
  return null;
}

export interface Range {
  start: number;
  end: number;
}

export interface SectionPart extends Range {
  /** Where the heading line starts; the body follows it up to `end`. */
  headingStart: number;
  bodyStart: number;
  /** Top-level tokens of the body with their offsets (empty when marked could not parse the text). */
  blocks: { token: Token; start: number; end: number }[];
}

export interface SummaryDocument {
  /** The text every offset refers to: the submission with CRLF/CR turned into LF. */
  text: string;
  lineStarts: number[];
  sections: Map<SectionKey, SectionPart[]>;
  /** Ranges of every heading line (any heading, not only section headings). */
  headings: Range[];
  /** Ordered, non-overlapping ranges owned by a section (content outside belongs to none). */
  owned: { start: number; end: number; section: SectionKey }[];
  words: { count: number; offsetOfWord(n: number): number | null };
  /** What marked made of each emphasis marker (`markerRoles`), when the text has any and marked parsed it. */
  markers?: Uint8Array;
  /** Links and images as marked placed them, four offsets each (see markerRoles). */
  links?: number[];
}

export function assembleMarkdown(sections: SummarySections): string {
  return SECTION_KEYS.map((k) => `## ${SECTION_TITLES[k]}\n\n${sections[k].replace(/\r\n?/g, '\n').trim()}\n`).join(
    '\n',
  );
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function position(doc: Pick<SummaryDocument, 'lineStarts'>, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = doc.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((doc.lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (doc.lineStarts[lo] ?? 0) + 1 };
}

type AnyToken = Token & { tokens?: Token[]; items?: Tokens.ListItem[]; text?: string };
const INLINE_CONTAINERS = new Set(['paragraph', 'heading', 'strong', 'em', 'del', 'link', 'text', 'codespan']);

/** The plain text a reader sees: markdown syntax removed, link targets dropped, image alt text kept. */
function plainText(token: AnyToken): string {
  if (token.type === 'table') {
    const t = token as Tokens.Table;
    const cells = [...t.header, ...t.rows.flat()];
    return cells.map((c) => c.tokens.map(plainText).join('')).join('\n');
  }
  if (token.type === 'list') return (token.items ?? []).map(plainText).join('\n');
  if (token.tokens && token.type !== 'codespan') {
    return token.tokens.map(plainText).join(INLINE_CONTAINERS.has(token.type) ? '' : '\n');
  }
  if (token.type === 'space' || token.type === 'hr' || token.type === 'br') return '\n';
  if (token.type === 'html') return token.raw;
  return token.text ?? '';
}

/** Inline delimiters marked pairs up (its emphasis and link matching is quadratic in their number). */
const MAX_DELIMITERS = 600;
/** `<` openers: marked looks for the end of each unclosed `<!--`, `<?` or `<![CDATA[` up to the end of the text. */
const MAX_ANGLES = 200;
/** Container markers (">", list bullets) opening one line: deeper nesting recurses per level. */
const MAX_NESTING = 48;
/** Heading lines and lines: far beyond any summary, and marked's block pass grows heavy with them. */
const MAX_HEADINGS = 200;
const MAX_LINES = 4000;

/** The characters marked pairs up as inline delimiters. */
const DELIMITERS = '*_~`[';
/** A line's container prefix: spaces, list numbers, ">" and bullets ("-", "*", "+" before a space or tab). */
const LINE_PREFIX_RUN = /(?:[ \t0-9.)>]|[-*+](?=[ \t]))*/y;
/** The characters such a prefix, or a heading's "#", can begin with (indexed by char code). */
const PREFIX_FIRST = new Uint8Array(128);
for (const c of ' \t0123456789.)>#-*+') PREFIX_FIRST[c.charCodeAt(0)] = 1;

/** More than `max` occurrences of the characters of `chars` in `text` (each found by indexOf: a native scan). */
function moreThan(chars: string, text: string, max: number): boolean {
  let n = 0;
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] as string;
    for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) if (++n > max) return true;
  }
  return false;
}

/**
 * Markdown marked would take too long on (seconds for 60 KB of "_a_a_a…" or "> > > …"): no summary
 * a person writes looks like this, so it is read (and rendered) as plain lines instead. Linear:
 * the delimiters and "<" counted by indexOf (one scan per character, stopping past the limit), then
 * one look at each line that starts with a prefix character.
 */
export function markdownTooHard(text: string): boolean {
  if (moreThan(DELIMITERS, text, MAX_DELIMITERS) || moreThan('<', text, MAX_ANGLES)) return true;
  let lines = 0;
  let headings = 0;
  for (let start = 0; ; ) {
    if (PREFIX_FIRST[text.charCodeAt(start)] === 1) {
      LINE_PREFIX_RUN.lastIndex = start;
      LINE_PREFIX_RUN.test(text);
      const end = LINE_PREFIX_RUN.lastIndex;
      if (text.charCodeAt(end) === 35 && ++headings > MAX_HEADINGS) return true;
      let depth = 0;
      for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        if ((c === 62 || c === 45 || c === 42 || c === 43) && ++depth > MAX_NESTING) return true;
      }
    }
    const nl = text.indexOf('\n', start);
    if (nl === -1) return false;
    if (++lines > MAX_LINES) return true;
    start = nl + 1;
  }
}

/**
 * A table's delimiter row holds a pipe or a colon beside a hyphen (marked's tokenizer refuses one
 * with neither); a setext heading's underline is a line of `=` or `-` alone, after any indent or `>`
 * of the list item or quote it is in. A text with neither cannot hold one.
 */
function mayHoldTable(text: string): boolean {
  return text.includes('|') || text.includes(':-') || text.includes('-:');
}
/**
 * An underline is never a text's first line (a heading's text comes before it): after a line break,
 * any spaces, tabs and `>`, then a run of `=` or of `-`, then only spaces or tabs to the line's end
 * (what `/\n[ \t>]*(?:=+|-+)[ \t]*(?:\n|$)/` finds, read at each line break instead of every character).
 */
export function mayHoldSetext(text: string): boolean {
  const n = text.length;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    let i = nl + 1;
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9 || c === 62) c = text.charCodeAt(++i);
    if (c !== 61 && c !== 45) continue;
    const bar = c;
    while (text.charCodeAt(i) === bar) i++;
    c = text.charCodeAt(i);
    while (c === 32 || c === 9) c = text.charCodeAt(++i);
    if (i === n || c === 10) return true;
  }
  return false;
}

/**
 * marked's tokenizer, minus the rules the text cannot match anywhere: marked tries each block rule
 * in turn at every block (a paragraph after all of them), and a rule that cannot match changes
 * nothing when skipped. Each needs characters the text lacks: a table's delimiter row or a setext
 * underline (see above), a code fence (three backticks or tildes), a quote's `>`, an HTML block's
 * `<`, a link definition's `]:`. The text of a list item or a quote is the text's own lines with
 * their prefix taken off, or spaces put before a lazy line: it holds none of these the text does
 * not (but may hold four spaces it does not: indented code is always tried).
 */
class BlockTokenizer extends Tokenizer {
  tables = true;
  setext = true;
  fencedCode = true;
  quotes = true;
  htmlBlocks = true;
  linkDefs = true;
  override table(src: string): Tokens.Table | undefined {
    return this.tables ? super.table(src) : undefined;
  }
  override lheading(src: string): Tokens.Heading | undefined {
    return this.setext ? super.lheading(src) : undefined;
  }
  override fences(src: string): Tokens.Code | undefined {
    return this.fencedCode ? super.fences(src) : undefined;
  }
  override blockquote(src: string): Tokens.Blockquote | undefined {
    return this.quotes ? super.blockquote(src) : undefined;
  }
  override html(src: string): Tokens.HTML | undefined {
    return this.htmlBlocks ? super.html(src) : undefined;
  }
  override def(src: string): Tokens.Def | undefined {
    return this.linkDefs ? super.def(src) : undefined;
  }
}

/** What marked's inline pass can turn into something other than the text itself (a line break aside). */
const INLINE_MARKUP = /[\\`*_~[\]!<&]/;

/**
 * `marked.lexer(text, { gfm: true })`, minus the inline pass where it cannot change the words: a
 * run of inline text with no markup character in it (most of a summary) is one text token, as its
 * inline tokens would spell it (autolinks and hard breaks keep the same words). Every block and
 * every offset is marked's own.
 */
export function lexBlocks(text: string): Token[] {
  const tokenizer = new BlockTokenizer();
  tokenizer.tables = mayHoldTable(text);
  tokenizer.setext = mayHoldSetext(text);
  tokenizer.fencedCode = text.includes('```') || text.includes('~~~');
  tokenizer.quotes = text.includes('>');
  tokenizer.htmlBlocks = text.includes('<');
  tokenizer.linkDefs = text.includes(']:');
  const lexer = new Lexer({ gfm: true, tokenizer });
  lexer.blockTokens(text, lexer.tokens);
  for (const queued of lexer.inlineQueue) {
    if (INLINE_MARKUP.test(queued.src)) {
      lexer.state.inRawBlock = false;
      lexer.inlineTokens(queued.src, queued.tokens);
    } else queued.tokens.push({ type: 'text', raw: queued.src, text: queued.src });
  }
  lexer.inlineQueue = [];
  return lexer.tokens;
}

/** How far past where its parent's text reached a token's first line may begin (see markerRoles). */
const REACH = 256;

/**
 * The role marked's inline pass gave each emphasis, strikethrough and code marker (`*`, `_`, `~`,
 * backtick), by offset: 2 where it is a delimiter the page does not show, 1 where the page shows it
 * as text, 0 where a token could not be placed in the text (a table cell with an escaped pipe, tabs
 * the lexer expanded); 3 on the spaces padding a code span, which the page drops too. The shadow
 * drops exactly the delimiters and padding: only pairing tells `Blue**bird**` (shown "Bluebird")
 * from `ghp_**x**` (shown "ghp_x").
 *
 * Inside a list item or a quote, marked lexes the text with each line's indent or `>` taken off:
 * a token's raw is placed in the source by matching it there, stepping over such a prefix (spaces,
 * tabs, `>`) at the start of each line. Linear: each token's raw is matched once, children from
 * where their parent's text begins.
 *
 * Each link and image placed is added to `links` as four offsets: its start (`[` or `!`), where its
 * text starts and ends, and its end (see withJoinedWords: a link inside a word shows one word).
 */
function markerRoles(
  text: string,
  blocks: { token: Token; start: number; end: number }[],
  links: number[],
): Uint8Array | undefined {
  if (!/[*_~`[]/.test(text)) return;
  const roles = new Uint8Array(text.length);
  const mark = (from: number, to: number, role: number) => {
    for (; from < to; from++) {
      const c = text.charCodeAt(from); // * _ ~ `
      if (c === 42 || c === 95 || c === 126 || c === 96) roles[from] = role;
    }
  };
  /** Where `raw` ends if it is at `at` in the source (line prefixes stepped over), else -1. */
  const placeAt = (raw: string, at: number): number => {
    if (text.startsWith(raw, at)) return at + raw.length;
    const prefix = (s: string, i: number) => {
      let n = i;
      while (s[n] === ' ' || s[n] === '\t' || s[n] === '>') n++;
      return n - i;
    };
    for (let k = 0; k < raw.length; k++, at++) {
      // At a line's start the source has the container's prefix and the raw what is left of it, with
      // tabs perhaps turned into spaces: both are stepped over.
      if (k ? raw[k - 1] === '\n' : at === 0 || text[at - 1] === '\n') {
        at += prefix(text, at);
        k += prefix(raw, k);
        if (k === raw.length) break;
      }
      if (raw[k] === '|' && text[at] === '\\') at++; // a table cell's text has `\|` unescaped
      if (text[at] !== raw[k]) return -1;
    }
    return at;
  };
  /**
   * Places token `t` at `at`, or else where its first line next appears (after a list bullet, a
   * heading's `#`, a link's `[`), inside its parent (before `limit`); returns where it ends, or -1.
   */
  const walk = (t: Token, at: number, limit: number): number => {
    let end = placeAt(t.raw, at);
    if (end < 0) {
      // Within a short reach (a bullet, `#`s, a table's delimiter row), so the search stays linear.
      const line = t.raw.split(/[\n|\t]/, 1)[0] as string;
      const found = line ? text.slice(at, at + REACH + line.length).indexOf(line) : -1;
      at += found;
      end = found < 0 ? -1 : placeAt(t.raw, at);
    }
    if (end < 0 || end > limit) return -1;
    const kids: Token[] =
      ('tokens' in t && t.tokens) ||
      ('items' in t && t.items) ||
      (t.type === 'table'
        ? [...t.header, ...t.rows.flat()].map((c) => ({ type: 'cell', raw: c.text, tokens: c.tokens }))
        : []);
    // A code span's fences are delimiters; its text, and a code block's lines, fences too, are shown.
    const fence = t.type === 'codespan' ? (/^`+/.exec(t.raw) as RegExpExecArray)[0].length : 0;
    if (fence || t.type === 'code' || (t.type === 'text' && !kids.length)) {
      mark(at, end, 1);
      mark(at, at + fence, 2);
      mark(end - fence, end, 2);
      // A code span's text loses one space at each end when it has both (and more than spaces): 3.
      const inner = t.raw.slice(fence, -fence);
      if (fence && /^[ \n]/.test(inner) && /[ \n]$/.test(inner) && /[^ \n]/.test(inner))
        roles[at + fence] = roles[end - fence - 1] = 3;
      return end;
    }
    // An emphasis token's delimiters: its raw is one (em), two (strong) or one or two (del, `~`/`~~`)
    // markers, its children's raws, and as many markers again.
    const d = t.type === 'em' ? 1 : t.type === 'strong' ? 2 : t.type === 'del' ? (t.raw[1] === '~' ? 2 : 1) : 0;
    mark(at, at + d, 2);
    mark(end - d, end, 2);
    let next = at + d;
    for (const k of kids) {
      const after = walk(k, next, end - d);
      if (after >= 0) next = after;
    }
    if (t.type === 'link' && text[at] === '[') links.push(at, at + 1, next > at ? next : at + 1, end);
    if (t.type === 'image' && text.startsWith(t.text, at + 2)) links.push(at, at + 2, at + 2 + t.text.length, end);
    return end;
  };
  for (const b of blocks) walk(b.token, b.start, b.end);
  return roles;
}

function lex(text: string): { token: Token; start: number; end: number }[] | null {
  if (markdownTooHard(text)) return null;
  let tokens: Token[];
  try {
    tokens = lexBlocks(text);
  } catch {
    return null; // e.g. nesting deep enough to exhaust the stack: fall back to a line scan
  }
  const blocks: { token: Token; start: number; end: number }[] = [];
  let at = 0;
  for (const token of tokens) {
    // A slice compared whole is far cheaper in V8 than startsWith at an offset.
    if (text.slice(at, at + token.raw.length) === token.raw) {
      blocks.push({ token, start: at, end: at + token.raw.length });
      at += token.raw.length;
    } else {
      return null; // marked rewrote the text (it should not): positions would lie, so do not trust them
    }
  }
  return at === text.length ? blocks : null;
}

/** `s.split(/\s+/).filter(Boolean).length`: the starts of non-space runs, counted in one table-driven pass. */
function countWords(s: string): number {
  let count = 0;
  let prev = 1;
  for (let i = 0; i < s.length; i++) {
    const space = SPACE[s.charCodeAt(i)] as number;
    count += prev & (space ^ 1);
    prev = space;
  }
  return count;
}

/** A bold label paragraph ("**What happened**" on its own line) opens a section below any real heading. */
const BOLD_LABEL_DEPTH = 7;
const BOLD_LABEL = /^[ \t]*(?:\*\*|__)([^*_\n]{2,80}?)(?:\*\*|__)[ \t]*:?[ \t]*(?:\n|$)/;

/**
 * A paragraph whose first line is only a bold label naming a section on the accepted list: the
 * label's title and where its line ends (the rest of the paragraph is the section's first text).
 */
function boldLabel(b: { token: Token; start: number; end: number }): { title: string; end: number } | null {
  if (b.token.type !== 'paragraph') return null;
  const m = BOLD_LABEL.exec(b.token.raw);
  if (!m) return null;
  const title = (m[1] ?? '').trim();
  if (!classifyHeading(title)?.exact) return null;
  return { title, end: b.start + m[0].length };
}

const HEADING_LINE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/gm;
const MARKUP = /[*_~`>#|[\]()!]+|^\s*(?:[-+*]|\d+[.)])\s+/gm;

export function parseSummary(input: string): SummaryDocument {
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const lineStarts = lineStartsOf(text);
  const sections = new Map<SectionKey, SectionPart[]>();
  const headings: Range[] = [];
  const owned: SummaryDocument['owned'] = [];
  // Each counted span keeps its plain text; the words themselves are split only to locate word 401.
  const wordSpans: { start: number; end: number; plain: string; count: number }[] = [];

  let current: { key: SectionKey; part: SectionPart; depth: number } | null = null;
  const close = (end: number) => {
    if (!current) return;
    current.part.end = end;
    owned.push({ start: current.part.headingStart, end, section: current.key });
    current = null;
  };
  // Sections an accepted heading names: a keyword guess never takes one of those ("# Checkout
  // incident" above "## Summary" is a title, not a second "What happened").
  const claimed = new Set<SectionKey>();
  const claim = (title: string) => {
    const c = classifyHeading(title);
    if (c?.exact) claimed.add(c.key);
  };
  const openHeading = (depth: number, title: string, start: number, end: number) => {
    headings.push({ start, end });
    const found = classifyHeading(title);
    const key = found && (found.exact || !claimed.has(found.key)) ? found.key : null;
    if (key) {
      close(start);
      const part: SectionPart = { headingStart: start, bodyStart: end, start, end, blocks: [] };
      sections.set(key, [...(sections.get(key) ?? []), part]);
      current = { key, part, depth };
    } else if (current && depth <= current.depth) {
      close(start); // an unrelated heading at the same level ends the section ("## Timeline")
    }
  };

  const blocks = lex(text);
  const links: number[] = [];
  const markers = blocks ? markerRoles(text, blocks, links) : undefined;
  if (blocks) {
    // A "# ..." heading is the page title, never a section, unless every heading is one.
    const titles = blocks.some((b) => b.token.type === 'heading' && (b.token as Tokens.Heading).depth > 1);
    const isTitle = (b: { token: Token }) =>
      titles && b.token.type === 'heading' && (b.token as Tokens.Heading).depth === 1;
    for (const b of blocks) if (b.token.type === 'heading' && !isTitle(b)) claim(plainText(b.token as AnyToken));
    for (const b of blocks) {
      if (b.token.type === 'heading') {
        const h = b.token as Tokens.Heading;
        if (isTitle(b)) {
          headings.push({ start: b.start, end: b.end });
          if (current) close(b.start);
          continue;
        }
        openHeading(h.depth, plainText(h as AnyToken), b.start, b.end);
        continue;
      }
      const label = boldLabel(b);
      if (label) {
        openHeading(BOLD_LABEL_DEPTH, label.title, b.start, label.end);
        const open = current as { key: SectionKey; part: SectionPart; depth: number } | null;
        if (open && label.end < b.end && /\S/.test(text.slice(label.end, b.end))) {
          const raw = text.slice(label.end, b.end);
          const rest = {
            start: label.end,
            end: b.end,
            token: { type: 'paragraph', raw, text: raw, tokens: [] } as Token,
          };
          open.part.blocks.push(rest);
          const count = countWords(raw.replace(MARKUP, ' '));
          if (count) wordSpans.push({ start: rest.start, end: rest.end, plain: raw, count });
        }
        continue;
      }
      const open = current as { key: SectionKey; part: SectionPart; depth: number } | null;
      if (!open) continue;
      open.part.blocks.push(b);
      // Nested headings (inside a blockquote or list) are not section headings and are still text.
      const plain = plainText(b.token as AnyToken);
      const count = countWords(plain);
      if (count) wordSpans.push({ start: b.start, end: b.end, plain, count });
    }
  } else {
    // Fallback for text marked cannot parse: ATX headings by line, markup stripped by pattern.
    const lines: { start: number; end: number; depth: number; title: string | null }[] = [];
    for (let i = 0; i < lineStarts.length; i++) {
      const start = lineStarts[i] ?? 0;
      const next = lineStarts[i + 1];
      const end = next === undefined ? text.length : next - 1;
      const line = text.slice(start, end);
      HEADING_LINE.lastIndex = 0;
      const m = HEADING_LINE.exec(line);
      lines.push({ start, end, depth: m?.[1]?.length ?? 0, title: m ? (m[2] ?? '') : null });
    }
    for (const l of lines) if (l.title !== null) claim(l.title);
    for (const l of lines) {
      if (l.title !== null) {
        openHeading(l.depth, l.title, l.start, l.end);
        continue;
      }
      if (!current) continue;
      const plain = text.slice(l.start, l.end).replace(MARKUP, ' ');
      const count = countWords(plain);
      if (count) wordSpans.push({ start: l.start, end: l.end, plain, count });
    }
  }
  close(text.length);
  owned.sort((a, b) => a.start - b.start);

  const count = wordSpans.reduce((n, s) => n + s.count, 0);
  return {
    text,
    markers,
    links,
    lineStarts,
    sections,
    headings,
    owned,
    words: {
      count,
      /** Offset of the n-th counted word (1-based), found by searching its text within its block. */
      offsetOfWord(n: number): number | null {
        let seen = 0;
        for (const span of wordSpans) {
          if (seen + span.count < n) {
            seen += span.count;
            continue;
          }
          let cursor = span.start;
          let found: number | null = null;
          for (const w of span.plain
            .split(/\s+/)
            .filter(Boolean)
            .slice(0, n - seen)) {
            const i = text.indexOf(w, cursor);
            if (i !== -1 && i < span.end) {
              found = i;
              cursor = i + w.length;
            }
          }
          return found ?? span.start;
        }
        return null;
      },
    },
  };
}

export function sectionAt(doc: SummaryDocument, offset: number): SectionKey | null {
  for (const o of doc.owned) {
    if (offset < o.start) return null;
    if (offset < o.end) return o.section;
  }
  return null;
}

export function inHeading(doc: SummaryDocument, offset: number): boolean {
  return doc.headings.some((h) => offset >= h.start && offset < h.end);
}

const OPENERS = /[\s*_~`"'“‘([{]/;
const LINE_PREFIX = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|#{1,6}[ \t]+|>[ \t]*|\|[ \t]*)*[ \t*_~`"'“‘([{]*$/;
const BLOCK_MARKER = /(?:^|[ \t])(?:[-*+]|\d{1,9}[.)])[ \t]|#{1,6}[ \t]|>|\|/;

/**
 * True where any word is capitalised anyway: the start of the text, of a sentence, of a list item,
 * a heading or a table cell, or after a colon. Used to tell "Slack alerts" from "Slack capacity".
 */
export function isSentenceInitial(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const prev = text.slice(lineStart, i);
      if (prev.trim() === '' || /^ {0,3}#/.test(prev)) return true;
      i--;
      continue;
    }
    if (OPENERS.test(ch)) {
      i--;
      continue;
    }
    if ('.!?:;|•–—'.includes(ch)) return true;
    // A list marker or heading marker at the start of the line: a few characters at most before it.
    let lineStart = offset;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') {
      if (offset - lineStart > 40) return false;
      lineStart--;
    }
    const prefix = text.slice(lineStart, offset);
    if (LINE_PREFIX.test(prefix) && BLOCK_MARKER.test(prefix)) return true;
    return false;
  }
  return true;
}
