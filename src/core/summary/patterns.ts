// The pattern rules: ticket ids, chat channels, contact details, internal hosts, secrets, jargon,
// owners, blame and five-whys. Every pattern is anchored (look-behinds on its first character
// class) so a 64 KiB summary is scanned in linear time, and public identifiers customers know
// (CVE-2024-1234, UTF-8, SHA-256, ISO-8601, HTTP 503, us-east-1, TLS 1.3) are left alone.
//
// Speed: most rules cannot match most summaries, so each runs only where it could. The keyword
// rules run when one of their trigger words occurs among the summary's words (shared with the
// lexicon rules); the `-<digit>` rules try only the runs that end in a hyphen and a digit; the `#`
// rules only when a `#` is followed by what they need. Every such gate is a necessary condition of
// its pattern, so skipping never loses a finding.
import type { CompiledLexicon } from './lexicon';
import type { Match } from './matches';
import { REDACTED_SECRET } from './redact';
import { SPACE, splitWords, type Word, type Words } from './tokens';

type Emit = (m: Match) => void;

function each(text: string, re: RegExp, fn: (m: RegExpExecArray) => void, gate?: string | RegExp | boolean): void {
  // A cheap test first: most summaries contain none of a rule's trigger characters.
  if (gate === false) return;
  if (typeof gate === 'string' && !text.includes(gate)) return;
  if (gate instanceof RegExp && !gate.test(text)) return;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** A sticky twin of a global pattern: tried at one offset, with the same look-behinds and flags. */
function sticky(re: RegExp): RegExp {
  return new RegExp(re.source, `${re.flags.replace('g', '')}y`);
}

/**
 * Runs `re` (sticky) at increasing candidate offsets, skipping those inside the previous match: the
 * same matches a global scan finds, provided every match of the pattern starts at a candidate.
 */
function eachAt(text: string, re: RegExp, starts: number[], fn: (m: RegExpExecArray) => void): void {
  let lastEnd = 0;
  for (const at of starts) {
    if (at < lastEnd) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null) continue;
    fn(m);
    lastEnd = at + Math.max(1, m[0].length);
  }
}

const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** What `[a-z0-9-]` matches under the `iu` flags: ASCII letters, digits, the hyphen, K (Kelvin) and ſ. */
const isFoldedHostChar = (c: number) => isAsciiAlnum(c) || c === 45 || c === 0x212a || c === 0x17f;

/** A Kubernetes name's vowel-free alphabet (see POD_NAME), by char code. */
const POD_CHARS = new Uint8Array(128);
for (const c of 'bcdfghjklmnpqrstvwxz2456789') POD_CHARS[c.charCodeAt(0)] = 1;

/** Offsets of every hyphen followed by a digit; whether one is followed by five POD_CHARS. */
function scanHyphens(text: string): { hyphens: number[]; pod: boolean } {
  const hyphens: number[] = [];
  let pod = false;
  for (let i = text.indexOf('-'); i !== -1; i = text.indexOf('-', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c >= 48 && c <= 57) hyphens.push(i);
    let k = 1;
    while (!pod && POD_CHARS[text.charCodeAt(i + k)] === 1) pod = ++k > 5;
  }
  return { hyphens, pod };
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

/**
 * The `#` and `.` gates, read from the few offsets of those characters (most of a summary's `#`
 * are its headings'): `#\d`, `#\s*\d`, `#[^\s#]`, and what `/[a-z0-9-]\.[a-z][a-z0-9-]/i` and
 * `/[a-z0-9-]\.[a-z]/i` find (a host's dot; without the `u` flag `[a-z]` is the ASCII letters).
 */
export function scanMarks(text: string): Pick<Scan, 'hashDigit' | 'hashNumber' | 'hashWord' | 'dotName' | 'dotLetter'> {
  let hashDigit = false;
  let hashNumber = false;
  let hashWord = false;
  for (let i = text.indexOf('#'); i !== -1; i = text.indexOf('#', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (isDigit(c)) hashDigit = hashNumber = true;
    if (i + 1 < text.length && c !== 35 && SPACE[c] === 0) hashWord = true;
    if (!hashNumber && SPACE[c] === 1) {
      let k = i + 2;
      while (k < text.length && SPACE[text.charCodeAt(k)] === 1) k++;
      if (isDigit(text.charCodeAt(k))) hashNumber = true;
    }
    if (hashDigit && hashWord) break;
  }
  let dotName = false;
  let dotLetter = false;
  for (let i = text.indexOf('.'); i !== -1 && !dotName; i = text.indexOf('.', i + 1)) {
    const b = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (!(isAsciiAlnum(b) || b === 45) || !isAsciiLetter(text.charCodeAt(i + 1))) continue;
    dotLetter = true;
    const a = text.charCodeAt(i + 2);
    if (isAsciiAlnum(a) || a === 45) dotName = true;
  }
  return { hashDigit, hashNumber, hashWord, dotName, dotLetter };
}

/**
 * Where a match ending in `-<digit>` can begin: for each such hyphen, the start of the run of
 * `member` characters before it (a match never begins inside one: its look-behind forbids that).
 * A run longer than `maxRun` cannot hold a match. Ascending and without repeats.
 */
function runStarts(text: string, hyphens: number[], member: (c: number) => boolean, maxRun: number): number[] {
  const out: number[] = [];
  let prevHyphen = -1;
  let prevStart = -1;
  for (const h of hyphens) {
    let i = h;
    let joined = false;
    let tooLong = false;
    while (i > 0 && member(text.charCodeAt(i - 1))) {
      if (i - 1 === prevHyphen) {
        joined = true; // the previous hyphen's run, already tried
        break;
      }
      if (h - i === maxRun) {
        tooLong = true;
        break;
      }
      i--;
    }
    const start = joined ? prevStart : i;
    if (!joined && !tooLong && start < h) out.push(start);
    prevHyphen = h;
    prevStart = start;
  }
  return out;
}

/**
 * The trigger words present: for each word (and each part after an apostrophe, where a pattern's
 * look-behind may also begin), which heads it starts with, and where. Heads are lower-case ASCII,
 * looked up by their first two characters; a one-character head is a whole word ("a", "5").
 */
class Triggers {
  /** By head id: 1 when a word (or part) starts with the head. */
  private readonly found = new Uint8Array(HEADS.length);
  /** By start list (`registerStarts`): the offsets of the words (and parts) starting with one of its heads, ascending. */
  private readonly at: (number[] | undefined)[] = [];
  readonly all: boolean;
  constructor(words: Words, text: string) {
    // Under the `iu` flags "ſ" matches "s", which toLowerCase keeps, and toLowerCase makes "İ" two
    // characters, which moves the offsets in a key: open every gate (and scan the whole text).
    this.all = !words.ascii && /[ſİ]/.test(text);
    if (this.all) return;
    const ascii = words.ascii;
    let apostrophe = text.indexOf("'");
    // Only the words whose first two characters begin a head, when the split marked them.
    const list = words.list;
    const starts = words.prefixStarts;
    const count = starts ? starts.length : list.length;
    for (let j = 0; j < count; j++) {
      const w = list[starts ? (starts[j] as number) : j] as Word;
      if (ascii) {
        // The key is the text lower-cased: read the text (one flat string), and its apostrophes.
        this.check(text, w.start, w.end, w.start);
        while (apostrophe !== -1 && apostrophe < w.end) {
          if (apostrophe > w.start) this.check(text, apostrophe + 1, w.end, apostrophe + 1);
          apostrophe = text.indexOf("'", apostrophe + 1);
        }
        continue;
      }
      // A word of ASCII letters and digits is read in the text (`check` lower-cases its characters).
      if (w.source !== undefined) {
        this.check(w.source, w.start, w.end, w.start);
        continue;
      }
      const key = w.key;
      this.check(key, 0, key.length, w.start);
      for (let a = key.indexOf("'"); a !== -1; a = key.indexOf("'", a + 1))
        this.check(key, a + 1, key.length, w.start + a + 1);
    }
  }
  /**
   * The part of `s` from `at` (up to an apostrophe or `end`), found at `offset`: `s` is a key (whose
   * characters are the word's one for one, but for "İ": see `all`), or the text in plain ASCII,
   * where `| 32` lower-cases a letter and keeps a digit or an apostrophe.
   */
  private check(s: string, at: number, end: number, offset: number): void {
    const c0 = s.charCodeAt(at) | 32;
    let c1 = at + 1 < end ? s.charCodeAt(at + 1) | 32 : 0;
    if (c1 === 39) c1 = 0; // a one-character part
    if (c0 >= 128 || c1 >= 128) return;
    const slot = c0 * 128 + c1;
    const heads = HEADS_BY_PREFIX[slot];
    if (heads === undefined) return;
    // Most words sharing a head's first two characters differ at the third: one bit test each.
    const third = THIRD_OF_PREFIX[slot] as number;
    if ((third & ANY_THIRD) === 0) {
      if (at + 2 >= end) return; // every head here is longer than the part
      const c2 = s.charCodeAt(at + 2) | 32;
      if ((third & (c2 >= 97 && c2 <= 122 ? 1 << (c2 - 97) : OTHER_THIRD)) === 0) return;
    }
    // Indexed loops: this runs for every word, and for..of costs here.
    for (let j = 0; j < heads.length; j++) {
      const id = heads[j] as number;
      const h = HEADS[id] as string;
      if (at + h.length > end) continue;
      let k = 2; // the first two are the prefix's
      while (k < h.length && (s.charCodeAt(at + k) | 32) === h.charCodeAt(k)) k++;
      if (k < h.length) continue;
      this.found[id] = 1;
      const lists = STARTS_OF_HEAD[id] as number[];
      for (let l = 0; l < lists.length; l++) {
        const offsets = this.at[lists[l] as number];
        if (offsets === undefined) this.at[lists[l] as number] = [offset];
        else offsets.push(offset);
      }
    }
  }
  /** True when every group has a word starting with one of its heads. */
  has(groups: readonly Group[]): boolean {
    return this.all || groups.every((g) => g.some((id) => this.found[id] === 1));
  }
  /** The offsets of the words (and parts) starting with a head of start list `s`, ascending. */
  starts(s: number): number[] {
    return this.at[s] ?? [];
  }
}

/** Head ids, one group of the words a rule needs one of. */
type Group = readonly number[];
const HEADS: string[] = [];
/** Head ids by their first two characters (at `c0 * 128 + c1`, c1 = 0 for a one-character head). */
const HEADS_BY_PREFIX: (number[] | undefined)[] = new Array(128 * 128);
/** 1 where HEADS_BY_PREFIX has heads: splitWords marks the words Triggers reads (`prefixStarts`). */
export const HEAD_PREFIXES = new Uint8Array(128 * 128);
/**
 * By prefix slot, the third characters of its heads: bit `c - 97` for a letter, OTHER_THIRD for
 * anything else, ANY_THIRD when a head there has two characters or one (every word may match it).
 */
const THIRD_OF_PREFIX = new Uint32Array(128 * 128);
const OTHER_THIRD = 1 << 26;
const ANY_THIRD = 1 << 27;
/** By head id, the start lists it belongs to. */
const STARTS_OF_HEAD: number[][] = [];
function registerHeads(groups: readonly (readonly string[])[]): Group[] {
  return groups.map((g) =>
    g.map((h) => {
      let id = HEADS.indexOf(h);
      if (id === -1) {
        id = HEADS.push(h) - 1;
        STARTS_OF_HEAD.push([]);
        const slot = h.charCodeAt(0) * 128 + (h.charCodeAt(1) || 0);
        HEADS_BY_PREFIX[slot] = [...(HEADS_BY_PREFIX[slot] ?? []), id];
        HEAD_PREFIXES[slot] = 1;
        const c2 = h.charCodeAt(2);
        THIRD_OF_PREFIX[slot] =
          (THIRD_OF_PREFIX[slot] as number) |
          (h.length < 3 ? ANY_THIRD : c2 >= 97 && c2 <= 122 ? 1 << (c2 - 97) : OTHER_THIRD);
      }
      return id;
    }),
  );
}
/** A start list: Triggers gathers the offsets of the words starting with one of `heads`. */
let startLists = 0;
function registerStarts(heads: readonly string[]): number {
  const s = startLists++;
  for (const id of registerHeads([heads])[0] as Group) (STARTS_OF_HEAD[id] as number[]).push(s);
  return s;
}

/**
 * The words every match of a keyword pattern starts with, read from its source: after the
 * look-behind, each alternative of the first group (or the literal) up to its first character
 * that is not a letter or digit, less the one before a `?`, `*` or `{` ("owners?" -> "owner",
 * "deploy(?:ment)?" -> "deploy", "pull request" -> "pull"). Null when an alternative has fewer than
 * two (a one-character head is a whole word, which a pattern's first letter need not be).
 */
function firstWords(re: RegExp): string[] | null {
  const src = re.source.replace(/^\(\?<!\[[^\]]*\]\)/, '');
  // The first group's alternatives, when no group inside it has its own.
  const group = /^\(\?:((?:[^()]|\([^()|]*\))*)\)/.exec(src)?.[1];
  const words = (group?.split('|') ?? [src]).map((a) =>
    (/^[A-Za-z0-9]*?(?=[A-Za-z0-9]?[?*{]|[^A-Za-z0-9]|$)/.exec(a) as RegExpExecArray)[0].toLowerCase(),
  );
  return words.every((w) => w.length > 1) ? words : null;
}

/**
 * A keyword pattern, more groups of words it needs one of each (see `Triggers`), and the words its
 * matches start with when `firstWords` cannot read them.
 */
type Keyed = [RegExp, (readonly (readonly string[])[])?, (readonly string[])?];
type KeyedRule = { re: RegExp; at: RegExp; needs: Group[]; starts: number | null };

function keyedRules(list: Keyed[]): KeyedRule[] {
  return list.map(([re, more = [], starts]) => {
    const first = starts ?? firstWords(re);
    return {
      re,
      at: sticky(re),
      needs: registerHeads(first ? [first, ...more] : more),
      starts: first && registerStarts(first),
    };
  });
}

/**
 * A keyword rule's matches, when the words it needs occur: only at the offsets of its start words.
 * A match begins where its look-behind allows, after no letter, digit or "_", so at a word or a
 * part after an apostrophe (the words are the letter and digit runs, joined by apostrophes), and
 * that word starts with one of the pattern's first words, which `starts` lists. The whole text is
 * scanned instead when the words cannot tell (`all`, no `starts`), and outside plain ASCII for a
 * rule given a `textGate` (its `\w` look-behind lets a match begin inside a Unicode word).
 */
function eachKeyed(
  text: string,
  rule: KeyedRule,
  scan: Scan,
  fn: (m: RegExpExecArray) => void,
  textGate?: string | RegExp | boolean,
): void {
  if (scan.words.all || rule.starts === null || (!scan.ascii && textGate)) {
    each(text, rule.re, fn, textGate ?? scan.words.has(rule.needs));
  } else if (scan.words.has(rule.needs)) eachAt(text, rule.at, scan.words.starts(rule.starts), fn);
}

// ---------------------------------------------------------------- ticket-id
/** Uppercase prefixes of public identifiers and standards (and of words jargon owns): never tickets. */
const PUBLIC_PREFIXES = new Set(
  `AEDT AES AEST AF ALPHA AM AMD ANDROID ANNEX ANSI AP API ARM ART ASVS ATC ATT AU AV AVC AWS AZURE BASE BCP BETA BIZ
  BR BS BST CA CAPEC CAT CEST CET CIS CLI CN COVID CPU CSV CVE CWE CY DAY DDR DE DES DIN DNS EC ECDSA ECMA ED EDT EN
  ENT ENTP ES EST EU FIGURE FIPS FLOAT FR FREE FY GA GCP GDPR GHSA GMT GO GPT GPU H HDMI HEVC HIPAA HK HMAC HS HTTP
  HTTPS ICD ID IEC IEEE IL IN INT IOS IP IPV ISO IST ITEM JAVA JP JPEG JSON JST JWE JWS JWT KR LEVEL LLAMA LPDDR LTE
  LTS LZ MACOS MD ME MERS MIL MITRE MP MPEG MX NATO NET NIST NO NODE NR NVME NZ OAUTH OIDC OS OSV OWASP P PART PBKDF
  PCI PCIE PDT PHASE PHP PLAN PM PNG PREM PRO PS PST PYSEC PYTHON Q RAM RC REV RFC RS RSA RUBY RUST RUSTSEC S SA
  SAML SARS SDK SECTION SEV SG SHA SKU SLSA SOC SSD SSL STAGE STD STEP TABLE TCP TEAM TIER TLS TOP TPM UCS UDP UINT
  UK US USB UTC UTF VER VM VP WCAG WEEK WIN WPA XML YAML ZSTD`.split(/\s+/),
);
const TICKET = /(?<![\p{L}\p{N}_-])([A-Za-z][A-Za-z0-9]{1,14})-(\d{1,7})(?![\p{L}\p{N}_]|-\d)/gu;
const NAMED_NUMBER =
  /(?<![\p{L}\p{N}_])(?:incident|deploy(?:ment)?|ticket|issue|bug|case|change|pr|pull request|mr|merge request|build|release|job|run|task|story|epic|request|req|cr|inc|chg|alert|page|post-?mortem|jira|problem|sprint|pipeline)\s*(?:#|no\.|number)\s*\d+\b/giu;
const BARE_NUMBER = /(?<![&#\p{L}\p{N}_])#\d{2,7}\b/gu;
/** A reference word then a long number ("Case 00123456", "ticket 48213"): 5-10 digits, so "case 2" and years stay. */
const WORD_THEN_NUMBER =
  /(?<![\p{L}\p{N}_])(?:ticket|case|incident|issue|bug|change|problem|request|req|task|story)\s*:?\s+\d{5,10}(?![\p{L}\p{N}_]|[.,]\d)/giu;
/** A commit ("commit 3f2a9c1", "sha 9fceb02d0ae5"): 7-40 hex digits with a letter and a digit. */
const COMMIT_REF =
  /(?<![\p{L}\p{N}_])(?:commit|sha|revision|rev|changeset)[ \t]*:?[ \t]+(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}(?![\p{L}\p{N}_])/giu;
const REPO_REF = /(?<![\w./-])[\w.-]+\/[\w.-]+#\d+\b/g;
const REPO_REF_AT = sticky(REPO_REF);
/** `[\w.-]` (ASCII: REPO_REF has no `u` flag), by char code. */
const isRepoChar = (c: number) => isAsciiAlnum(c) || c === 95 || c === 46 || c === 45;

/**
 * Where REPO_REF can begin: before each "#" and digit, a run of `[\w.-]`, a "/", and the run of
 * `[\w.-]` before that, whose start is the only place its look-behind lets a match begin. A scan
 * of the whole pattern tries every word and backs off each (tens of microseconds a summary). Each
 * run is walked once: a walk back from one "#" stops at the one before it. Ascending.
 */
export function repoRefStarts(text: string): number[] {
  const out: number[] = [];
  for (let h = text.indexOf('#'); h !== -1; h = text.indexOf('#', h + 1)) {
    if (!isDigit(text.charCodeAt(h + 1))) continue;
    let slash = h;
    while (slash > 0 && isRepoChar(text.charCodeAt(slash - 1))) slash--;
    if (slash === h || text.charCodeAt(--slash) !== 47) continue;
    let start = slash;
    while (start > 0 && isRepoChar(text.charCodeAt(start - 1))) start--;
    if (start < slash) out.push(start);
  }
  return out;
}
const SERVICENOW = /(?<![\w])(?:INC|CHG|PRB|RITM|REQ|SCTASK|CTASK|PTASK|TASK|CS|KB)\d{6,10}\b/g;

const TICKET_AT = sticky(TICKET);
const SERVICENOW_GATE = /[A-Z]\d{6}/;
const [NAMED_RULE, WORD_THEN_NUMBER_RULE, COMMIT_RULE, SERVICENOW_RULE] = keyedRules([
  [NAMED_NUMBER],
  [WORD_THEN_NUMBER],
  [COMMIT_REF],
  [SERVICENOW],
]) as [KeyedRule, KeyedRule, KeyedRule, KeyedRule];

function tickets(text: string, lex: CompiledLexicon, emit: Emit, scan: Scan): void {
  const ticket = (start: number, end: number) =>
    emit({
      rule: 'ticket-id',
      start,
      end,
      message: `"${text.slice(start, end)}" is an internal ticket or change reference.`,
      suggestion: 'remove the ticket id',
    });
  // A key's prefix is 2-15 ASCII letters and digits right before the hyphen.
  eachAt(text, TICKET_AT, runStarts(text, scan.hyphens, isAsciiAlnum, 15), (m) => {
    const prefix = m[1] ?? '';
    const upper = prefix.toUpperCase();
    const configured = lex.ticketPrefixes.has(upper);
    const looksLikeKey = prefix === upper && /^[A-Z]{2,}$/.test(prefix) && !PUBLIC_PREFIXES.has(prefix);
    if (configured || looksLikeKey) ticket(m.index, m.index + m[0].length);
  });
  const found = (m: RegExpExecArray) => ticket(m.index, m.index + m[0].length);
  const forms = lex.ticketForms;
  if (forms && [...lex.ticketPrefixes].some((p) => text.includes(p))) each(text, forms, found);
  // "#" then a number, "no." or "number" ("ſ" and "K" fold to no letter of these).
  if (scan.hashNumber || /no\.|number/i.test(text)) eachKeyed(text, NAMED_RULE, scan, found);
  // A "#" then a digit (markdown headings have "#" too, then a space).
  const hashDigit = scan.hashDigit;
  each(text, BARE_NUMBER, found, hashDigit);
  eachKeyed(text, WORD_THEN_NUMBER_RULE, scan, found);
  eachKeyed(text, COMMIT_RULE, scan, found);
  if (hashDigit) eachAt(text, REPO_REF_AT, repoRefStarts(text), found);
  eachKeyed(text, SERVICENOW_RULE, scan, found, SERVICENOW_GATE);
}

// ---------------------------------------------------------------- chat-channel
const CHANNEL = /(?<![\p{L}\p{N}_&#/.:=?%-])#(?=[\p{N}_.-]*\p{L})[\p{L}\p{N}][\p{L}\p{N}_.-]*[\p{L}\p{N}_]/gu;
const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const MENTION = /(?<![\p{L}\p{N}_.@+%-])@(?:[\p{L}][\p{L}\p{N}_.-]*[\p{L}\p{N}_]|[\p{L}])/gu;
const SLACK_ENCODED = /<[@#!](?:[A-Za-z0-9]+|here|channel|everyone)(?:\|[^>\n]{0,80})?>/g;

function channels(text: string, emit: Emit, scan: Scan): void {
  // A "#" then neither a space nor another "#" (a heading's).
  if (scan.hashWord)
    each(text, CHANNEL, (m) => {
      if (HEX_COLOUR.test(m[0])) return;
      const end = m.index + m[0].replace(/[.-]+$/, '').length;
      emit({
        rule: 'chat-channel',
        start: m.index,
        end,
        message: `"${text.slice(m.index, end)}" is an internal chat channel.`,
        suggestion: 'remove the channel name',
      });
    });
  if (text.includes('@'))
    each(text, MENTION, (m) => {
      const end = m.index + m[0].replace(/[.-]+$/, '').length;
      const word = m[0].slice(1).toLowerCase();
      const broadcast = ['here', 'channel', 'everyone', 'oncall', 'on-call'].includes(word);
      emit({
        rule: 'chat-channel',
        start: m.index,
        end,
        message: broadcast
          ? `"${m[0]}" is a chat notification, not something customers should read.`
          : `"${text.slice(m.index, end)}" is a chat @mention.`,
        suggestion: broadcast ? 'remove it' : 'name the team in plain words, e.g. "our engineers"',
      });
    });
  if (text.includes('<'))
    each(text, SLACK_ENCODED, (m) =>
      emit({
        rule: 'chat-channel',
        start: m.index,
        end: m.index + m[0].length,
        message: `"${m[0]}" is a chat mention or channel.`,
        suggestion: 'remove it',
      }),
    );
}

// ---------------------------------------------------------------- contact-info
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const PHONE =
  /(?<![\p{L}\p{N}+./:-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}(?![\p{L}\p{N}]|[.:-]\d)/gu;
const PHONE_CONTEXT =
  /\b(?:call|phone|tel|telephone|text|sms|mobile|cell|whatsapp|fax|hotline|dial|reach)\b[^\n]{0,20}$/i;
const US_PHONE = /^\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}$/;

/** Addresses of a role, not a person: fine at the company's own (allowed) domain. */
const ROLE_ADDRESS =
  /^(?:support|help|helpdesk|security|status|billing|privacy|sales|noreply|no-reply|donotreply|do-not-reply|info|hello|contact|abuse|postmaster|press|legal|compliance|trust|feedback|team|accounts|care|customer-?care|customer-?success|dpo|gdpr)$/i;

/**
 * An address spelled out to dodge scrapers: "priya (at) acme (dot) com", "priya[at]acme.com",
 * "priya at acme dot com". Its "at" and "dot"s: in brackets, or as words (a worded "at" only with
 * a worded or bracketed "dot": "posted at status.acme.com" is prose).
 */
const SPELLED_EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+([ \t]*[([][ \t]*at[ \t]*[)\]][ \t]*|\s+at\s+)[\p{L}\p{N}-]+(?:([ \t]*[([][ \t]*dot[ \t]*[)\]][ \t]*|\s+dot\s+|\.)[\p{L}\p{N}-]+)+/giu;
const DOT_WORDS = registerStarts(['dot']);

/** What a spelled-out address needs: a word starting "dot", or "at" (any case) then ")" or "]". */
function spelledAt(text: string, scan: Scan): boolean {
  if (scan.words.all || scan.words.starts(DOT_WORDS).length > 0) return true;
  for (const close of ')]')
    for (let i = text.indexOf(close); i !== -1; i = text.indexOf(close, i + 1)) {
      let k = i;
      while (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9) k--;
      if ((text.charCodeAt(k - 1) | 32) === 116 && (text.charCodeAt(k - 2) | 32) === 97) return true;
    }
  return false;
}

function contacts(text: string, lex: CompiledLexicon, emit: Emit, scan: Scan): void {
  const address = (m: RegExpExecArray, email: string) => {
    const at = email.lastIndexOf('@');
    if (ROLE_ADDRESS.test(email.slice(0, at)) && hostVerdict(email.slice(at + 1), lex) === 'allowed') return;
    emit({
      rule: 'contact-info',
      start: m.index,
      end: m.index + m[0].length,
      message: `"${m[0]}" is an email address.`,
      suggestion: 'point customers to your public support page instead',
    });
  };
  if (text.includes('@')) each(text, EMAIL, (m) => address(m, m[0]));
  each(
    text,
    SPELLED_EMAIL,
    (m) => {
      const email = m[0].replace(/\s*[([]?\s*\b(at|dot)\b\s*[)\]]?\s*/gi, (_, w: string) => (w.length > 2 ? '.' : '@'));
      // A worded "at" needs a "dot" too, and no article for a domain ("sat at the dot com boom"); the
      // last label is a top-level domain (letters only).
      if (/^\s/.test(m[1] ?? '') && (!/dot/i.test(m[0]) || /@(?:the|an?|our|your|its|this|that)\./i.test(email)))
        return;
      if (!/\.\p{L}{2,}$/u.test(email)) return;
      address(m, email);
    },
    spelledAt(text, scan),
  );
  // Its digit groups: two or more digits, a separator, two or more.
  if (/\d\d[ .-]\d\d/.test(text))
    each(text, PHONE, (m) => {
      const s = m[0];
      const digits = s.replace(/\D/g, '').length;
      if (digits < 7 || digits > 15) return;
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      const phoneish = s.startsWith('+') || s.includes('(') || US_PHONE.test(s) || PHONE_CONTEXT.test(before);
      // Grouped thousands ("1 000 000") and dates are numbers, not phones.
      if (!phoneish || /^\d{1,3}(?: \d{3})+$/.test(s) || /^\d{4}-\d{2}-\d{2}$/.test(s)) return;
      emit({
        rule: 'contact-info',
        start: m.index,
        end: m.index + s.length,
        message: `"${s}" looks like a phone number.`,
        suggestion: 'point customers to your public support page instead',
      });
    });
}

// ---------------------------------------------------------------- internal-host
const INTERNAL_TLDS = new Set([
  'internal',
  'local',
  'localhost',
  'lan',
  'corp',
  'intranet',
  'private',
  'priv',
  'localdomain',
  'home',
  'svc',
  'consul',
  'intra',
]);
const ENV_LABELS = new Set([
  'prod',
  'production',
  'staging',
  'stg',
  'stage',
  'dev',
  'qa',
  'uat',
  'int',
  'internal',
  'corp',
  'intra',
  'intranet',
  'mgmt',
  'vpn',
  'k8s',
  'kube',
  'ec2',
  'infra',
  'ops',
  'admin',
  'preprod',
]);
/** Hosts of internal tools (a link to them is a link into the team's workspace), with the product's name. */
const TOOL_DOMAINS: [string, string][] = [
  ['slack.com', 'slack'],
  ['atlassian.net', 'jira'],
  ['pagerduty.com', 'pagerduty'],
  ['datadoghq.com', 'datadog'],
  ['datadoghq.eu', 'datadog'],
  ['sentry.io', 'sentry'],
  ['linear.app', 'linear'],
  ['notion.so', 'notion'],
  ['notion.site', 'notion'],
  ['grafana.net', 'grafana'],
  ['opsgenie.com', 'opsgenie'],
  ['incident.io', 'incident.io'],
  ['firehydrant.io', 'firehydrant'],
  ['rootly.com', 'rootly'],
  ['newrelic.com', 'new relic'],
  ['splunkcloud.com', 'splunk'],
  ['honeycomb.io', 'honeycomb'],
  ['launchdarkly.com', 'launchdarkly'],
  ['zendesk.com', 'zendesk'],
  ['asana.com', 'asana'],
  ['trello.com', 'trello'],
  ['app.clickup.com', 'clickup'],
  ['monday.com', 'monday.com'],
  ['circleci.com', 'circleci'],
  ['buildkite.com', 'buildkite'],
  ['herokuapp.com', 'heroku'],
  ['vercel.app', 'vercel'],
  ['netlify.app', 'netlify'],
  ['statuspage.io', 'statuspage'],
  ['docs.google.com', 'google docs'],
  ['drive.google.com', 'google drive'],
  ['sheets.google.com', 'google sheets'],
  ['meet.google.com', 'google meet'],
  ['chat.google.com', 'google chat'],
];
const TOOL_DOMAIN = new Map(TOOL_DOMAINS);
/** The tool a host belongs to (its own domain or a subdomain of it), else null. Linear in the host. */
function toolOfHost(host: string): string | null {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  let labels = 0;
  for (let dot = h.length; dot !== -1 && labels < MAX_LABELS; labels++) {
    dot = h.lastIndexOf('.', dot - 1);
    const product = TOOL_DOMAIN.get(h.slice(dot + 1));
    if (product) return product;
    if (dot <= 0) break;
  }
  return null;
}

const IPV4 = /(?<![\p{L}\p{N}_.:])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::\d{1,5})?(?![\p{N}]|\.\d)/gu;
const IPV6 =
  /(?<![\p{L}\p{N}_:])(?:::1|f[cd][0-9a-f]{2}:[0-9a-f:]*[0-9a-f]|fe80:[0-9a-f:]*[0-9a-f])(?![\p{L}\p{N}_:])/giu;
const URL_RE = /(?<![\p{L}\p{N}_])(?:https?|wss?|ftp):\/\/[^\s<>()"'`\]]+/giu;
const HOST =
  /(?:(?<=(?<![:/])\/\/)|(?<![\p{L}\p{N}_.@/-]))(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}(?::\d{2,5})?(?![\p{L}\p{N}_-]|\.[a-z0-9])/giu;
const GO_LINK = /(?<![\p{L}\p{N}_./:-])go\/(?!no-go(?![\w-]))[a-z0-9][\w./-]*[\w]/giu;
const LOCALHOST = /(?<![\p{L}\p{N}_.-])localhost(?::\d{1,5})?(?![\p{L}\p{N}_-])/giu;
/**
 * A Kubernetes pod ("api-gateway-7d9f8c6b5-x2k4q"): a name, the ReplicaSet hash and a 5-character
 * suffix, both from Kubernetes' vowel-free alphabet, so no English word ends this way.
 */
const POD_NAME =
  /(?<![\p{L}\p{N}_.-])[a-z0-9](?:[a-z0-9-]{0,50}[a-z0-9])?-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}(?![\p{L}\p{N}_-])/gu;
const NODE_NAME =
  /(?<![\p{L}\p{N}_.-])(?:ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}|(?:[a-z][a-z0-9]*-){0,4}(?:prod|production|stg|staging|dev|qa|uat|canary|k8s|kube|db|pg|postgres|mysql|redis|kafka|es|elastic|mongo|api|web|app|worker|workers|node|host|srv|server|lb|proxy|bastion|jump|cache|queue|ingest|batch|cron)(?:-[a-z][a-z0-9]*){0,4}-\d{1,4}[a-z]?)(?![\p{L}\p{N}_.-]*[\p{L}\p{N}])/giu;

function privateIpv4(a: number, b: number): boolean {
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    a === 0
  );
}

/** A host name has at most 253 characters and 127 labels: longer runs are checked on their last 253. */
const MAX_HOST = 253;
const MAX_LABELS = 127;

/**
 * Whether a host is internal: an `internalDomains` entry (or a subdomain of one), an internal
 * top-level domain, a private address, or an environment label before the registrable domain. A
 * domain the lexicon allows (`allow: ["acme.com"]`) covers its subdomains, but the more specific
 * entry wins: `corp.acme.com` in `internalDomains` is internal under an allowed `acme.com`.
 * Suffixes are walked from the top-level domain down with `lastIndexOf`: linear in the host.
 */
export function hostVerdict(host: string, lex: CompiledLexicon): 'internal' | 'allowed' | 'public' {
  let h = host.toLowerCase();
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && /^:\d+$/.test(h.slice(colon))) h = h.slice(0, colon);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.length > MAX_HOST) h = h.slice(h.length - MAX_HOST);
  let verdict: 'internal' | 'allowed' | null = null;
  let labels = 0;
  const domains = lex.internalDomains.size > 0 || lex.allowDomains.size > 0;
  for (let dot = h.length; dot !== -1 && labels < MAX_LABELS; labels++) {
    dot = h.lastIndexOf('.', dot - 1);
    if (!domains) continue;
    const suffix = h.slice(dot + 1);
    if (lex.internalDomains.has(suffix)) verdict = 'internal';
    else if (lex.allowDomains.has(suffix)) verdict = 'allowed';
    if (dot <= 0) break;
  }
  if (verdict) return verdict === 'internal' ? 'internal' : 'allowed';
  const tld = h.slice(h.lastIndexOf('.') + 1);
  if (INTERNAL_TLDS.has(tld) || h === 'localhost') return 'internal';
  // An IPv4 address as a browser reads a URL's host: one to four parts, each decimal, 0x-hex or
  // 0-octal, the last filling the bytes left (`167772161`, `0x0a.0.0.1`, `127.1` are all private).
  const parts = h.split('.');
  if (parts.length < 5 && parts.every((p) => /^(?:0x[\da-f]*|\d+)$/.test(p))) {
    const nums = parts.map((p) => (p[1] === 'x' ? Number(p) : /^0\d/.test(p) ? Number.parseInt(p, 8) : Number(p)));
    const last = nums.pop() as number;
    const value = nums.reduce((sum, b, k) => (b < 256 ? sum + b * 256 ** (3 - k) : Number.NaN), last);
    // (A lone small number, `http://14:05`, is 0.0.0.14 to a browser but a time to a writer.)
    if (last < 256 ** (4 - nums.length) && value >= (parts.length < 4 ? 2 ** 24 : 0))
      return privateIpv4(Math.floor(value / 2 ** 24), Math.floor(value / 2 ** 16) % 256) ? 'internal' : 'public';
  }
  // An environment label among the labels before the registrable domain ("db1.prod.acme.com").
  const lastTwo = h.lastIndexOf('.', h.lastIndexOf('.') - 1);
  if (lastTwo <= 0) return 'public';
  let start = 0;
  for (let k = 0; k < MAX_LABELS && start < lastTwo; k++) {
    const end = h.indexOf('.', start);
    const label = h.slice(start, end === -1 ? h.length : end);
    if (label.split('-').some((p) => ENV_LABELS.has(p))) return 'internal';
    if (end === -1) break;
    start = end + 1;
  }
  return 'public';
}

const NODE_NAME_AT = sticky(NODE_NAME);
const LOCALHOST_WORDS = registerHeads([['localhost']]);
const IPV6_WORDS = registerHeads([['fc', 'fd', 'fe80']]);

function hosts(text: string, lex: CompiledLexicon, emit: Emit, scan: Scan): void {
  const internal = (start: number, end: number, what: string) =>
    emit({
      rule: 'internal-host',
      start,
      end,
      message: `"${text.slice(start, end)}" is ${what}.`,
      suggestion: 'describe the system in plain words, e.g. "one of our database servers"',
    });
  if (/\d\.\d+\.\d/.test(text))
    each(text, IPV4, (m) => {
      const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
      if ([a, b, c, d].some((o) => o > 255)) return;
      const before = text.slice(Math.max(0, m.index - 9), m.index).toLowerCase();
      if (/(?:version|release|v)\s*$/.test(before)) return;
      if (privateIpv4(a, b)) internal(m.index, m.index + m[0].length, 'a private network address');
    });
  const ipv6 = text.includes('::') || scan.words.has(IPV6_WORDS);
  each(text, IPV6, (m) => internal(m.index, m.index + m[0].length, 'a private network address'), ipv6);
  each(
    text,
    LOCALHOST,
    (m) => internal(m.index, m.index + m[0].length, 'a loopback address'),
    scan.words.has(LOCALHOST_WORDS),
  );
  // In plain ASCII a host's last dot has a letter, then a letter, digit or hyphen ("a.m." has not).
  if (scan.ascii ? scan.dotName : scan.dotLetter)
    each(text, HOST, (m) => {
      if (hostVerdict(m[0], lex) === 'internal') internal(m.index, m.index + m[0].length, 'an internal hostname');
    });
  // A machine name is one run of [a-z0-9-] ending in "-<digit>..."; try each such run once.
  eachAt(text, NODE_NAME_AT, runStarts(text, scan.hyphens, isFoldedHostChar, Number.POSITIVE_INFINITY), (m) =>
    internal(m.index, m.index + m[0].length, 'the name of an internal machine'),
  );
  each(text, POD_NAME, (m) => internal(m.index, m.index + m[0].length, 'the name of an internal workload'), scan.pod);
  // Short links ("go/incident-review") resolve only on the company network.
  each(text, GO_LINK, (m) => internal(m.index, m.index + m[0].length, 'an internal short link'), 'go/');
  if (text.includes('://'))
    each(text, URL_RE, (m) => {
      const url = m[0].replace(/[.,;:!?*_]+$/, '');
      const host = /^[a-z]+:\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^/:?#\s]+)/i.exec(url)?.[1] ?? '';
      const verdict = hostVerdict(host, lex);
      if (verdict === 'internal') internal(m.index, m.index + url.length, 'a link to an internal host');
      const tool = verdict === 'public' ? toolOfHost(host) : null;
      // A tool's own company allows its product name: its links are its own public pages.
      if (tool && !lex.allow.has(tool)) {
        emit({
          rule: 'internal-tool',
          start: m.index,
          end: m.index + url.length,
          message: `"${url}" links into an internal tool customers cannot open.`,
          suggestion: 'remove the link',
        });
      }
    });
}

// ---------------------------------------------------------------- secret
/**
 * Each credential format, what to call it, the shortest run of TOKEN_CHARS any match holds, and a
 * test of the whole text it needs (else the literal it starts with, after its look-behind). A
 * credential is a long unbroken token, prose is short words: the longest run of the text (found
 * once) rules out most formats before any test runs.
 */
const PRIVATE_KEY =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,8000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g;
const AWS_ACCOUNT =
  /(?<![\w])["']?(?:AWS|aws|Aws)_?(?:ACCOUNT|account|Account)_?(?:ID|id|Id)["']?\s*(?::|=>|=)\s*["']?\d{4}-?\d{4}-?\d{4}/g;
/** The words an AWS account id's key begins with (in plain ASCII, where its `\w` look-behind begins a word). */
const AWS_WORDS = registerStarts(['aws']);
const SECRETS: [RegExp, string, number, (string | RegExp)?][] = [
  [PRIVATE_KEY, 'a private key', 10],
  [
    /(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    'an AWS access key id',
    20,
  ],
  // Glued to other text (`tok` + token, token + `_x`) a token still shows whole: no boundary needed.
  [/gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9])/g, 'a GitHub token', 40],
  [/github_pat_[A-Za-z0-9_]{22,255}/g, 'a GitHub token', 33],
  [
    /(?<![\w-])(?:glpat|gldt|glrt|glptt|glcbt|glimt|glsoat|glffct|gloas|glagent|glft)-[A-Za-z0-9_.-]{20,}/g,
    'a GitLab token',
    25,
  ],
  [/(?<![\w-])GR1348941[A-Za-z0-9_-]{20,}/g, 'a GitLab runner token', 29],
  [/(?<![\w-])(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}/g, 'a Slack token', 15, /xox|xapp/],
  [/https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g, 'a Slack webhook URL', 28],
  [/https:\/\/(?:discord(?:app)?\.com)\/api\/webhooks\/[A-Za-z0-9/_-]+/g, 'a Discord webhook URL', 28],
  [/(?<![\w])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g, 'a Stripe secret key', 24],
  [/(?<![\w])whsec_[A-Za-z0-9+/=]{20,}/g, 'a webhook signing secret', 26],
  [/(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g, 'a Google API key', 39],
  [/(?<![\w])ya29\.[0-9A-Za-z_-]{20,}/g, 'a Google OAuth token', 25],
  [/(?<![\w-])sk-(?:proj-|ant-(?:api\d\d-)?|svcacct-)?[A-Za-z0-9_-]{20,}/g, 'an API secret key', 23],
  [/(?<![\w])SG\.[A-Za-z0-9_-]{16,128}\.[A-Za-z0-9_-]{16,128}/g, 'a SendGrid API key', 36],
  [/(?<![\w])SK[0-9a-f]{32}(?![\w])/g, 'a Twilio API key', 34],
  [/(?<![\w-])key-[0-9a-f]{32}(?![\w])/g, 'a Mailgun API key', 36],
  [/npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g, 'an npm token', 40],
  [/(?<![\w-])pypi-AgE[A-Za-z0-9_-]{50,}/g, 'a PyPI token', 58],
  [/(?<![\w])shp(?:at|ss|ca|pa)_[a-zA-Z0-9]{32,64}(?![\w])/g, 'a Shopify token', 38],
  [/(?<![\w])gsk_[A-Za-z0-9]{40,}/g, 'a Groq API key', 44],
  [/(?<![\w])hf_[A-Za-z0-9]{30,}/g, 'a Hugging Face token', 33],
  [/(?<![\w])lin_(?:api|oauth)_[A-Za-z0-9_]{32,128}/g, 'a Linear API key', 40],
  [/(?<![\w])ntn_[0-9]{11}[A-Za-z0-9]{30,}/g, 'a Notion token', 45],
  [/(?<![\w])secret_[A-Za-z0-9]{43}(?![\w])/g, 'a Notion token', 50],
  [/(?<![\w])ops_eyJ[A-Za-z0-9+/=]{60,}/g, 'a 1Password service account token', 67],
  [/(?<![\w])(?:vcp|vci|vca|vcr|vck)_[A-Za-z0-9]{20,60}(?![\w])/g, 'a Vercel token', 24],
  [/(?<![\w])dapi[a-fA-F0-9]{32}(?:-\d)?(?![\w])/g, 'a Databricks token', 36],
  [/(?<![\w])dckr_pat_[A-Za-z0-9_-]{20,}/g, 'a Docker Hub token', 29],
  [/(?<![\w])figd_[A-Za-z0-9_-]{40,200}/g, 'a Figma token', 45],
  [/(?<![\w])glc_[A-Za-z0-9+/]{32,400}={0,2}/g, 'a Grafana Cloud token', 36],
  [/(?<![\w])glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![\w])/g, 'a Grafana service account token', 46],
  [/(?<![\w])_authToken=[^\s"']{8,}/g, 'an npm registry token', 11],
  [AWS_ACCOUNT, 'an AWS account id', 12, /aws/i],
  [/(?<![\w])dop_v1_[a-f0-9]{64}(?![\w])/g, 'a DigitalOcean token', 71],
  [/(?<![\w])hv[sbr]\.[A-Za-z0-9_-]{20,}/g, 'a Vault token', 24],
  [/(?<![\w])AGE-SECRET-KEY-1[0-9A-Z]{58}(?![\w])/g, 'an age secret key', 74],
  [/(?<![\w])aw_[A-Za-z0-9_-]{43}(?![\w-])/g, 'an Afterword API token', 46],
  [/(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, 'a JSON Web Token', 32],
  [/(?<![\w])(?:AccountKey|SharedAccessKey|SharedAccessSignature)=[A-Za-z0-9+/=%]{20,}/g, 'an Azure key', 31],
  [/(?<![\w])Bearer\s+[A-Za-z0-9._~+/-]{20,}=*/g, 'a bearer token', 20],
  [
    /(?<![\p{L}\p{N}_])[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/]{1,100}:[^\s@/]{1,200}@[^\s/]+/gu,
    'credentials in a URL',
    0,
    '://',
  ],
];
/**
 * A credential told in words: "the password is hunter2!", "we reset the API key to …". Read in the
 * text as the page shows it (the source's own reading is for formats a normalisation could break).
 */
const [PROSE_CREDENTIAL] = keyedRules([
  [
    /(?<![\p{L}\p{N}_-])(?:pass(?:word|phrase|wd)|pwd|secret|api[ -]?key|access[ -]?key|token)s?[ \t]+(?:is|was|(?:(?:is|was|has[ \t]+been)[ \t]+)?(?:set|changed|reset|rotated|updated)[ \t]+to|to)[ \t]+["'“‘`]?([^\s"'”’`,;)]{8,})/giu,
    [],
    ['pass', 'pwd', 'secret', 'api', 'access', 'token'],
  ],
]) as [KeyedRule];

function proseSecrets(text: string, emit: Emit, scan: Scan): void {
  eachKeyed(text, PROSE_CREDENTIAL, scan, (m) => {
    const value = m[1] ?? '';
    // "The password is 12-characters" and "the token was rotated" are prose; "hunter2!" is not.
    if (/\d/.test(value) && /\p{L}/u.test(value) && !/^\d+-?\p{L}+$/u.test(value) && !PLACEHOLDER_VALUE.test(value))
      emit(credential(m.index, piecesEnd(text, m.index + m[0].length)));
  });
}
/** `password=…`, `token: …`, also as an environment variable (`DB_PASSWORD=…`) or a flag (`--api-key=…`). */
const ASSIGNMENT =
  /(?<![\p{L}\p{N}_-])-{0,2}(?:[A-Za-z0-9]+[_-]){0,4}(?:[A-Za-z0-9]*(?:password|passwd|passphrase)|(?<=[_-])pass|pwd|secret|client[_-]?secret|api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|secret[_-]?access[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|private[_-]?key|token)["']?\s*(?:=>|=|:)\s*["']?([^\s"',;)]{4,})/giu;
/**
 * The test ASSIGNMENT runs behind, a key word then (after the rest of its name) "=" or ":", as a
 * look-behind tried only at each "=" and ":": the same answer as searching the text for it.
 */
const ASSIGNMENT_END = /(?<=(?:pass|pwd|secret|key|token)[a-z0-9_-]*["']?\s*)[=:]/iy;

function assignmentEnd(text: string): boolean {
  for (const sign of '=:') {
    for (let at = text.indexOf(sign); at !== -1; at = text.indexOf(sign, at + 1)) {
      ASSIGNMENT_END.lastIndex = at;
      if (ASSIGNMENT_END.test(text)) return true;
    }
  }
  return false;
}

/** What the credential formats are made of: [A-Za-z0-9_+/=.~%-], by char code (above 127, or NaN past the end: undefined). */
const TOKEN_CHARS = new Uint8Array(128);
for (const secret of SECRETS) secret[3] ??= /^(?:\(\?<!\[[^\]]*\]\))?([\w-]*)/.exec(secret[0].source)?.[1];
for (let c = 0; c < 128; c++) if (/[\w+/=.~%-]/.test(String.fromCharCode(c))) TOKEN_CHARS[c] = 1;

/**
 * The length of the longest run of TOKEN_CHARS, or 9 when it is shorter (only the URL format's
 * bound is below 10). A run longer than the longest so far, if it starts at `i`, covers the
 * character at `i + longest`: when that one (or one before it) is not a token character, the
 * search jumps past it, so most characters of prose are never read.
 */
function longestToken(text: string): number {
  let longest = 9;
  let i = 0; // where the run being sought may start: at 0 or after a character outside the runs
  while (i + longest < text.length) {
    let j = i + longest;
    while (j >= i && TOKEN_CHARS[text.charCodeAt(j)] === 1) j--;
    if (j >= i) {
      i = j + 1;
      continue;
    }
    let end = i + longest + 1;
    while (TOKEN_CHARS[text.charCodeAt(end)] === 1) end++; // past the end: NaN, no index
    longest = end - i;
    i = end + 1;
  }
  return longest;
}

/**
 * The credentials in the command lines people paste: `curl -u user:pass`, `--password hunter2`,
 * `mysql -pS3cret`. Each alternative begins with a character to look for (a look-behind first
 * would have the pattern tried at every offset): the one before a match is checked in code.
 */
const CLI_CREDENTIAL =
  /-(?:u|-(?:proxy-)?user)[ \t=]+["']?[^\s:"'@/$<]{1,64}:(?![$<*])([^\s"'@]{4,})|--(?:pass(?:wd|word)?|api-?key|(?:client-)?secret|(?:auth-|access-)?token)[ \t]+["']?(?![$<*-])([^\s"']{4,})/g;
/** `mysql -pS3cret`: apart from the options above, which are tried only at hyphens, and only where a client is named. */
const MYSQL_CREDENTIAL = /m(?:ysql|ariadb)[\w-]*(?:[ \t][^\n]{0,200}?)?[ \t]-p(?![$<*\s])([^\s"']{4,})/g;
/** A value that stands in for a credential rather than being one. */
const PLACEHOLDER_VALUE = /^(?:\*+|x+|<[^>]*>|\.{3,}|redacted|\[redacted\]|none|null|n\/a)$/i;

/**
 * `heads`: where the split reading (splitSecrets) may start, the offsets of the words that begin as
 * a credential format does; none when the caller has not found them.
 */
function secrets(text: string, emit: Emit, heads: readonly number[] = [], noAws = false): boolean {
  formatSecrets(text, emit, noAws);
  // Where a saved draft had a credential: the placeholder stays an error until it is rewritten.
  for (let at = text.indexOf(REDACTED_SECRET); at !== -1; at = text.indexOf(REDACTED_SECRET, at + 1)) {
    emit({
      rule: 'secret',
      start: at,
      end: at + REDACTED_SECRET.length,
      message: 'A credential was removed here when the draft was saved. Rewrite this without it, and rotate it.',
      suggestion: 'remove the placeholder',
    });
  }
  // A necessary condition of ASSIGNMENT: a key word, then (after the rest of its name) "=" or ":".
  if (assignmentEnd(text))
    each(text, ASSIGNMENT, (m) => {
      const value = m[1] ?? '';
      const colon = /:\s*["']?[^\s]*$/.test(m[0].slice(0, m[0].length - value.length + 1)) && !m[0].includes('=');
      // "Password: reset for all users" is prose; "password: hunter2" or "token=abc123" is a credential.
      if (colon && !/[\d_+/=!@$%^&*-]/.test(value)) return;
      if (PLACEHOLDER_VALUE.test(value)) return;
      emit(credential(m.index, piecesEnd(text, m.index + m[0].length)));
    });
  const cli = (m: RegExpExecArray) => {
    // The option or the client's name begins a word.
    if (/[\w-]/.test(text[m.index - 1] ?? '') || PLACEHOLDER_VALUE.test(m[1] ?? m[2] ?? '')) return;
    emit(credential(m.index, m.index + m[0].length));
  };
  each(text, CLI_CREDENTIAL, cli);
  each(text, MYSQL_CREDENTIAL, cli);
  return splitSecrets(text, emit, heads);
}

/** A `secret` finding: `what` names the format when one is known. */
function credential(start: number, end: number, what = 'a credential'): Match {
  return {
    rule: 'secret',
    start,
    end,
    message: `This looks like ${what}. Remove it here and rotate it: anything in a draft has been seen.`,
    suggestion: 'remove the credential and rotate it',
  };
}

/** The credential formats (SECRETS) in `text`. */
function formatSecrets(text: string, emit: Emit, noAws = false): void {
  const longest = longestToken(text);
  for (const [re, what, shortest, textGate] of SECRETS) {
    if (longest < shortest || (noAws && re === AWS_ACCOUNT)) continue;
    each(
      text,
      re,
      (m) => {
        const end = m.index + m[0].length;
        // A private key pasted without its END line: its body is the lines of base64 after the header.
        const body = re === PRIVATE_KEY && !m[0].includes('-----END');
        emit(credential(m.index, body ? piecesEnd(text, end, 400) : end, what));
      },
      textGate,
    );
  }
}

/**
 * Where a credential format begins: the first characters of each SECRETS format that has a prefix
 * of its own (a split credential's first piece holds one), tried at the words that begin as one of
 * them does (CREDENTIAL_WORDS). test/summaries/secrets.test.ts splits a sample of every format and
 * checks it is still found.
 */
const CREDENTIAL_HEAD =
  /AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA|gh[pousr]_|github_|gl(?:pat|dt|rt|ptt|cbt|imt|soat|ffct|oas|agent|ft|c|sa)[-_]|GR1348941|xox[abposre]-|xapp-|sk_(?:live|test)_|rk_(?:live|test)_|whsec_|AIza|ya29\.|sk-|SG\.|SK[0-9a-f]|key-|npm_|pypi-|shp(?:at|ss|ca|pa)_|gsk_|hf_|lin_|ntn_|secret_|ops_|vc[pibrk]_|dapi|dckr_|figd_|dop_|hv[sbr]\.|AGE-|aw_|eyJ|AccountKey|SharedAccess|Bearer/y;
const CREDENTIAL_HEADS = new RegExp(CREDENTIAL_HEAD.source, 'g');
/** The words CREDENTIAL_HEAD's alternatives begin with, lower-cased, to their first other character. */
const CREDENTIAL_WORDS = registerStarts(
  // The top-level alternatives only: "|" inside a group ("gl(?:pat|dt…)") does not start one.
  CREDENTIAL_HEAD.source
    .replace(/\([^()]*\)/g, '')
    .split('|')
    .map((a) => (/^[A-Za-z0-9]+/.exec(a)?.[0] ?? '').toLowerCase()),
);
/** A piece of a credential after its first: a run of token characters holding a digit, a symbol or an inner capital. */
const CHUNK = /[\w+/=.~%-]*?(?:[\d_+/=~%]|(?<=[\w+/=.~%-])[A-Z])/y;
/** Between two pieces of one credential: one to three spaces or tabs, with at most one line break. */
const PIECE_GAP = /(?=[ \t\n]{1,3}[\w+/=.~%-])[ \t]*\n?[ \t]*/y;
/**
 * Pieces a split credential is read across at most (no one splits a key into more). Each run of
 * pieces is read once, so more per run is less work on text packed with credential heads.
 */
const MAX_PIECES = 16;

/**
 * Where a credential that ends at `end` really ends: past the pieces that follow it as splitSecrets
 * reads them (a value split by a space or a line break, "wJalrXUtnFEMI/K7MDENG bPxRfiCYEXAMPLEKEY"),
 * so the finding, and the redaction, cover all of it. Prose ends it.
 */
function piecesEnd(text: string, end: number, max = MAX_PIECES): number {
  for (let n = 1; n < max; n++) {
    const next = nextPiece(text, end);
    if (next === -1) break;
    end = tokenEnd(text, next);
  }
  return end;
}

/** Where the run of token characters from `at` ends (past the text's end: NaN, no index). */
function tokenEnd(text: string, at: number): number {
  while (TOKEN_CHARS[text.charCodeAt(at)] === 1) at++;
  return at;
}

/**
 * Where the next piece of a split credential begins, after a piece that ends at `end`, or -1: past
 * a PIECE_GAP, a run holding a digit, a symbol or an inner capital (a word of prose ends it: "… and
 * rotated").
 */
function nextPiece(text: string, end: number): number {
  PIECE_GAP.lastIndex = end;
  if (!PIECE_GAP.test(text)) return -1;
  const next = PIECE_GAP.lastIndex;
  CHUNK.lastIndex = next;
  return CHUNK.test(text) ? next : -1;
}

/**
 * A credential split into pieces by spaces or a line break ("AKIAIOSFO DNN7EXAMPLE", a token
 * broken over two lines): the page shows the pieces side by side and a reader joins them back.
 * From each run of token characters that begins a format (CREDENTIAL_HEAD after no letter or
 * digit), the runs that follow it apart by one to three spaces or tabs, with at most one line
 * break, are joined (up to MAX_PIECES) and read by the credential formats once; a format found
 * across two pieces or more is a finding over them. Each piece is read at most once.
 */
function splitSecrets(text: string, emit: Emit, heads: readonly number[]): boolean {
  let reached = 0;
  let any = false;
  for (const head of heads) {
    if (head < reached || isAsciiAlnum(text.charCodeAt(head - 1))) continue;
    CREDENTIAL_HEAD.lastIndex = head;
    if (!CREDENTIAL_HEAD.test(text)) continue;
    any = true;
    let start = head;
    while (start > 0 && TOKEN_CHARS[text.charCodeAt(start - 1)] === 1) start--;
    const pieces: number[] = [];
    for (let at = start; at !== -1 && pieces.length < 2 * MAX_PIECES; ) {
      const end = tokenEnd(text, at);
      pieces.push(at, end);
      at = nextPiece(text, end);
    }
    if (pieces.length < 4) {
      reached = pieces[1] as number;
      continue;
    }
    let joined = '';
    const at: number[] = []; // where each piece begins in `joined`
    for (let k = 0; k < pieces.length; k += 2) {
      at.push(joined.length);
      joined += text.slice(pieces[k], pieces[k + 1]);
    }
    const pieceOf = (offset: number) => {
      let p = 0;
      while (p + 1 < at.length && (at[p + 1] as number) <= offset) p++;
      return p;
    };
    formatSecrets(joined, (found) => {
      const first = pieceOf(found.start);
      const last = pieceOf(found.end - 1);
      if (first === last) return; // within one piece: the plain reading finds it
      const from = (pieces[2 * first] as number) + found.start - (at[first] as number);
      emit({ ...found, start: from, end: (pieces[2 * last] as number) + found.end - (at[last] as number) });
    });
    // Each piece is read once: a later head inside this run was in the joined text above.
    reached = pieces[pieces.length - 1] as number;
  }
  return any;
}

// ---------------------------------------------------------------- jargon

const JARGON = keyedRules([
  [/(?<![\p{L}\p{N}_])SKUs?[ \t]*(?:#|no\.?|number)?[ \t]*[:-]?[ \t]*(?=[\w-]{0,40}\d)[A-Z0-9][\w-]*/giu],
  // "the P3 plan", "T2 tier": a plan or tier code before the word.
  [
    /(?<![\p{L}\p{N}_])(?!(?:Q[1-4]|H[12]|FY\d{2})[ \t])[A-Z]{1,3}-?\d{1,2}[ \t]+(?:plan|tier)s?(?![\p{L}\p{N}_])/gu,
    [['plan', 'tier']],
  ],
  [/(?<![\p{L}\p{N}_])tier[ \t-]?\d+[a-z]?(?![\p{L}\p{N}_])/giu],
  [/(?<![\p{L}\p{N}_])(?:ENT|PRO|BIZ|STD|PREM|TEAM|FREE|ENTP|PLAN|TIER|SKU|PLN)[-_]?\d+[A-Z]?(?![\p{L}\p{N}_])/gu],
  [/(?<![\p{L}\p{N}_])plan[ \t]+(?:code[ \t]*:?[ \t]*)?[A-Z]{1,4}[-_]?\d+[A-Z]?(?![\p{L}\p{N}_])/giu],
  [/(?<![\p{L}\p{N}_])(?:plan|tier|sku)[ \t]*(?:id|code)[ \t]*[:#=]?[ \t]*[\w-]+/giu],
  [/(?<![\p{L}\p{N}_])(?:cohort|ring|cell|shard|partition|bucket|pod)[ \t-]?#?\d+(?![\p{L}\p{N}_.])/giu],
]);

const PLAN_CODE_RULE = JARGON[1] as KeyedRule;
const PLAN_WORDS = registerStarts(['plan', 'tier']);

/**
 * The plan-code rule ("the P3 plan") begins at the code, which no word list can name: it needs a
 * digit, then spaces or tabs, then "plan" or "tier". Looked for behind each such word before the
 * pattern scans the text (most summaries say "plan" without a code before it).
 */
function digitBeforePlan(text: string, scan: Scan): boolean {
  if (scan.words.all) return true;
  for (const at of scan.words.starts(PLAN_WORDS)) {
    let k = at;
    while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
    if (k < at && isDigit(text.charCodeAt(k - 1))) return true;
  }
  return false;
}

function jargon(text: string, emit: Emit, scan: Scan): void {
  for (const rule of JARGON) {
    if (rule === PLAN_CODE_RULE && !digitBeforePlan(text, scan)) continue;
    eachKeyed(text, rule, scan, (m) =>
      emit({
        rule: 'jargon',
        start: m.index,
        end: m.index + m[0].replace(/[-_]+$/, '').length,
        message: `"${m[0]}" is internal jargon customers will not recognise.`,
        suggestion: 'say it the way customers would, e.g. "customers on the Enterprise plan"',
      }),
    );
  }
}

// ---------------------------------------------------------------- owner, blame, five-whys
const OWNER = keyedRules([
  [
    /(?<![\p{L}\p{N}_])(?:owners?|assignees?|assigned|tracked|tracking|dri|responsible|accountable|point of contact|poc)[ \t]*(?:\*\*|__)?[ \t]*:(?!\/\/)/giu,
  ],
  [/(?<![\p{L}\p{N}_])assigned[ \t]+to(?![\p{L}\p{N}_])/giu],
  [/(?<![\p{L}\p{N}_])(?:tracked|owned|led|driven)[ \t]+(?:in|as|by|under|via)[ \t]+(?=[A-Z#@])/gu],
]);
const BLAME = keyedRules([
  [
    /(?<![\p{L}\p{N}_])(?:human|operator|engineer|engineering|user|manual|pilot|personnel|staff)[ \t]+(?:error|mistake|failure)s?(?![\p{L}])/giu,
  ],
  // Needs a role too: the opening articles are in every text.
  [
    /(?<![\p{L}\p{N}_])(?:an?|the|one of our|our|a single)[ \t]+(?:[\p{L}-]+[ \t]+)?(?:engineers?|developers?|operators?|admins?|administrators?|sysadmins?|SREs?|employees?|team[ \t]+members?|contractors?|interns?|staff[ \t]+members?)[ \t]+(?:[\p{L}]+ly[ \t]+)?(?:ran|executed|typed|deleted|dropped|pushed|forgot|made[ \t]+a[ \t]+mistake|misconfigured|ignored|failed[ \t]+to|did[ \t]+not|didn't|missed|mistyped|clicked|skipped|bypassed|overlooked|entered|removed|truncated|wiped|broke|caused)(?![\p{L}])/giu,
    [
      [
        'engineer',
        'developer',
        'operator',
        'admin',
        'sysadmin',
        'sre',
        'employee',
        'team',
        'contractor',
        'intern',
        'staff',
      ],
    ],
    // An article then a space: "a" is a whole word.
    ['a', 'an', 'the', 'one', 'our'],
  ],
  [/(?<![\p{L}\p{N}_])(?:carelessness|careless|negligence|negligent|incompetence|sloppy)(?![\p{L}])/giu],
  [/(?<![\p{L}\p{N}_])(?:his|her|their)[ \t]+(?:mistake|error|fault)(?![\p{L}])/giu, [['mistake', 'error', 'fault']]],
  [/(?<![\p{L}\p{N}_])(?:to[ \t]+blame|blamed|at[ \t]+fault|fault[ \t]+of)(?![\p{L}])/giu, [['blame', 'fault']]],
  [
    /(?<![\p{L}\p{N}_])(?:someone|somebody)[ \t]+(?:[\p{L}-]+[ \t]+){0,4}?(?:forgot|ran|deleted|dropped|pushed|misconfigured|ignored|failed[ \t]+to|did[ \t]+not|didn't|missed|mistyped|skipped|bypassed|overlooked|broke)(?![\p{L}])/giu,
  ],
  [
    /(?<![\p{L}\p{N}_])(?:caused|triggered|introduced)[ \t]+by[ \t]+(?:an?|the|one[ \t]+of[ \t]+our)[ \t]+(?:[\p{L}-]+[ \t]+)?(?:engineers?|developers?|operators?|admins?|employees?|contractors?|interns?|team[ \t]+members?)(?![\p{L}])/giu,
  ],
]);
const WHY_WORDS = registerHeads([['why']]);
/** "First why: …", "2nd why – …": numbered whys in prose. */
const [ORDINAL_WHY] = keyedRules([
  [/(?<![\p{L}\p{N}_])(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)[ \t]+why(?![\p{L}])/giu],
]) as [KeyedRule];
const FIVE_WHYS_PHRASE = /(?<![\p{L}\p{N}_])(?:five|5)[ \t-]+whys?(?![\p{L}])/giu;
const WHY_LINE = /^[ \t>]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*|__)?why(?:[ \t]*#?\d)?(?![\p{L}])/gimu;
/** A why-question: "Why?", "Why did the check not run?" (one sentence; "v1.2" keeps its dot). */
const WHY_QUESTION = /(?<![\p{L}\p{N}_])why(?![\p{L}])(?:[^?!.\n]|\.(?=\S)){0,160}\?/giu;
/** Between a question and the next one of the same chain: an answer, in the same paragraph. */
const CHAIN_GAP = 400;
const HEADING_START = / {0,3}#/y;

/**
 * Why-questions each answered before the next ("Why did it fail? Because X. Why? Because Y."): two
 * or more in a row, in one paragraph or list, are the five-whys chain. Headings are not answers.
 */
function whyChains(text: string): { start: number; end: number }[][] {
  const questions: { start: number; end: number }[] = [];
  let lineStart = 0; // of the line holding the current question, found moving forward only
  each(text, WHY_QUESTION, (m) => {
    for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < m.index; nl = text.indexOf('\n', lineStart)) {
      lineStart = nl + 1;
    }
    HEADING_START.lastIndex = lineStart;
    if (!HEADING_START.test(text)) questions.push({ start: m.index, end: m.index + m[0].length });
  });
  const answered = (from: number, to: number) => /[\p{L}\p{N}]/u.test(text.slice(from, to));
  const chains: { start: number; end: number }[][] = [];
  let chain: { start: number; end: number }[] = [];
  const flush = () => {
    if (chain.length >= 2) chains.push(chain);
    chain = [];
  };
  for (const q of questions) {
    const prev = chain.at(-1);
    if (prev) {
      const gap = text.slice(prev.end, q.start);
      if (gap.length > CHAIN_GAP || /\n[ \t>]*\n/.test(gap) || !answered(prev.end, q.start)) flush();
    }
    chain.push(q);
  }
  // The last question needs its answer too: words after it, before the paragraph ends.
  const last = chain.at(-1);
  if (last) {
    const rest = text.slice(last.end, last.end + CHAIN_GAP);
    const para = rest.split(/\n[ \t>]*\n/)[0] ?? '';
    if (!/[\p{L}\p{N}]/u.test(para)) chain.pop();
  }
  flush();
  return chains;
}

function ownersBlameWhys(text: string, emit: Emit, scan: Scan): void {
  for (const rule of OWNER) {
    eachKeyed(text, rule, scan, (m) =>
      emit({
        rule: 'owner',
        start: m.index,
        end: m.index + m[0].trimEnd().length,
        message: 'Owners and assignees belong in the internal report, not the customer summary.',
        suggestion: 'state the commitment without naming who owns it',
      }),
    );
  }
  for (const rule of BLAME) {
    eachKeyed(text, rule, scan, (m) =>
      emit({
        rule: 'blame',
        severity: 'warning',
        start: m.index,
        end: m.index + m[0].length,
        message: 'This blames a person; describe what the system allowed instead.',
        suggestion: 'e.g. "a configuration change was applied without validation"',
      }),
    );
  }
  if (!scan.words.has(WHY_WORDS)) return;
  each(text, FIVE_WHYS_PHRASE, (m) =>
    emit({
      rule: 'five-whys',
      start: m.index,
      end: m.index + m[0].length,
      message: 'The five-whys analysis belongs in the internal postmortem.',
      suggestion: 'say in one sentence what you changed',
    }),
  );
  for (const chain of whyChains(text)) {
    for (const q of chain) {
      emit({
        rule: 'five-whys',
        start: q.start,
        end: q.end,
        message:
          'A chain of "why" questions and answers is the five-whys analysis; it belongs in the internal postmortem.',
        suggestion: 'say in one sentence what you changed',
      });
    }
  }
  const ordinals: RegExpExecArray[] = [];
  eachKeyed(text, ORDINAL_WHY, scan, (m) => ordinals.push(m));
  if (ordinals.length >= 2) {
    for (const m of ordinals) {
      emit({
        rule: 'five-whys',
        start: m.index,
        end: m.index + m[0].length,
        message: 'A chain of "why" steps is the five-whys analysis; it belongs in the internal postmortem.',
        suggestion: 'say in one sentence what you changed',
      });
    }
  }
  const whyLines: RegExpExecArray[] = [];
  each(text, WHY_LINE, (m) => whyLines.push(m));
  if (whyLines.length >= 2) {
    for (const m of whyLines) {
      const start = m.index + m[0].search(/why/i);
      emit({
        rule: 'five-whys',
        start,
        end: m.index + m[0].length,
        message: 'A chain of "why" steps is the five-whys analysis; it belongs in the internal postmortem.',
        suggestion: 'say in one sentence what you changed',
      });
    }
  }
}

/**
 * The `secret` rule alone (lint reads the source as written with it as well as the shadow). Its
 * gates read the text itself, so it needs neither the lexicon nor the words; `split`: read split
 * credentials too, from every place a format begins (the shadow had one: see patternMatches).
 */
export function secretMatches(text: string, split = false): Match[] {
  const out: Match[] = [];
  const heads: number[] = [];
  if (split) for (const m of text.matchAll(CREDENTIAL_HEADS)) heads.push(m.index);
  secrets(
    text,
    (m) => {
      if (m.end > m.start) out.push(m);
    },
    heads,
  );
  return out;
}

/** What the gates need to know about the text, found once per lint. */
interface Scan {
  words: Triggers;
  /** Plain ASCII: the words were split on [A-Za-z0-9], so a `\w` look-behind also begins a word. */
  ascii: boolean;
  /** Offsets of the hyphens followed by a digit. */
  hyphens: number[];
  /** A hyphen is followed by five POD_CHARS. */
  pod: boolean;
  /** The text holds `#\d`, `#\s*\d`, `#[^\s#]` (see scanMarks). */
  hashDigit: boolean;
  hashNumber: boolean;
  hashWord: boolean;
  /** An ASCII letter, digit or hyphen, a dot, an ASCII letter, then (`dotName`) one more of the first kind. */
  dotName: boolean;
  dotLetter: boolean;
}

/**
 * `words`: the text's words as the lexicon rules split them (`splitWords`), when the caller has them.
 * `seen.credentialHead` is set when a credential format begins somewhere in the text (a split one
 * may hide in the source as written too: see secretMatches).
 */
export function patternMatches(
  text: string,
  lex: CompiledLexicon,
  words: Words = splitWords(text),
  seen: { credentialHead?: boolean } = {},
): Match[] {
  const out: Match[] = [];
  const emit: Emit = (m) => {
    if (m.end > m.start) out.push(m);
  };
  const { hyphens, pod } = scanHyphens(text);
  const scan: Scan = { words: new Triggers(words, text), ascii: words.ascii, hyphens, pod, ...scanMarks(text) };
  // Texts whose words cannot tell (see Triggers.all): every offset.
  const heads = scan.words.all ? Array.from({ length: text.length }, (_, i) => i) : scan.words.starts(CREDENTIAL_WORDS);
  const noAws = scan.ascii && !scan.words.all && scan.words.starts(AWS_WORDS).length === 0;
  seen.credentialHead = secrets(text, emit, heads, noAws);
  proseSecrets(text, emit, scan);
  contacts(text, lex, emit, scan);
  hosts(text, lex, emit, scan);
  tickets(text, lex, emit, scan);
  channels(text, emit, scan);
  jargon(text, emit, scan);
  ownersBlameWhys(text, emit, scan);
  return out;
}
