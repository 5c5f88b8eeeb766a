// lintSummary: the customer-summary gate. A pure function of the text, the lexicon and (optionally)
// the incident's recorded times; no I/O, identical on Node and Workers.
import type { Tokens } from 'marked';
import {
  assembleMarkdown,
  parseSummary,
  position,
  type SectionPart,
  type SummaryDocument,
  sectionAt,
} from './document';
import { compileLexicon, type Lexicon } from './lexicon';
import type { Match } from './matches';
import { lexiconMatches, possibleNames } from './names';
import { HEAD_PREFIXES, patternMatches, secretMatches } from './patterns';
import { maskSecret } from './redact';
import { buildShadow, type Shadow, shadowIndex, toSource } from './shadow';
import { hhmm, nearestInstant, type TimeMention, timeMentions } from './times';
import { splitWords } from './tokens';
import {
  type Finding,
  type LintOptions,
  type LintResult,
  MAX_WORDS,
  type RuleId,
  SECTION_KEYS,
  SECTION_TITLES,
  type SectionKey,
  type SummarySections,
} from './types';

/** When spans overlap, the more specific finding wins ("jane@corp.internal" is contact-info, once). */
const SPAN_PRIORITY: RuleId[] = [
  'secret',
  'contact-info',
  'internal-host',
  'employee-name',
  'chat-channel',
  'ticket-id',
  'codename',
  'internal-tool',
  'jargon',
  'owner',
  'five-whys',
  'blame',
  'possible-name',
];

// Every form begins at a word boundary: one `\b` before the alternatives lets the scan skip the
// inside of each word at once (about 3x faster than a `\b` leading each alternative). One literal
// (the forms: ISO and numeric dates, month names, quarters and halves, end/start of a period, "next
// week", "within 2 weeks", years, FY, EOW/EOM/EOQ/EOY), not a joined list: fewer bytes in the Worker.
const DATE_IN_ITEM =
  /\b(?:\d{4}-\d{2}(?:-\d{2})?\b|\d{1,2}\/\d{1,2}\/\d{2,4}\b|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|may)\.?\s+\d{1,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|(?:by|in|before|until|during|end\s+of|early|mid|late|within)[\s-]+(?:the\s+end\s+of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|(?:Q[1-4]|H[12])\s*(?:FY)?\s*'?\d{2,4}\b|(?:by|in|before|until|end\s+of|during)\s+(?:the\s+end\s+of\s+)?(?:Q[1-4]|H[12])\b|(?:end|middle|start)\s+of\s+(?:the\s+|this\s+|next\s+)?(?:week|month|quarter|year)\b|(?:by|before|until)\s+(?:next\s+|this\s+)?(?:week|month|quarter|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?:next|this)\s+(?:week|month|quarter)\b|(?:within|in|over)\s+(?:the\s+(?:next|coming)\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty|a)\s+(?:business\s+|working\s+|calendar\s+)?(?:days?|weeks?|months?)\b|(?:by|in|before|until|during|of|for)\s+(?:the\s+end\s+of\s+)?(?:early\s+|mid-?\s*|late\s+)?(?:19|20)\d{2}\b|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\b|(?:by|before|until|on|due)\s+\d{1,2}\/\d{1,2}\b|FY\s*'?\d{2,4}\b|EO[WMQY]\b)/i;

interface Located {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  suggestion?: string;
  severity?: Finding['severity'];
  section?: SectionKey | null;
}

function firstLine(text: string, from: number, to: number): { start: number; end: number } {
  const nl = text.indexOf('\n', from);
  const end = nl === -1 || nl > to ? to : nl;
  return { start: from, end: Math.max(from, end) };
}

function bodyHasWords(doc: SummaryDocument, part: SectionPart): boolean {
  return /[\p{L}\p{N}]/u.test(doc.text.slice(part.bodyStart, part.end));
}

function sectionRules(doc: SummaryDocument): Located[] {
  const out: Located[] = [];
  for (const key of SECTION_KEYS) {
    const parts = doc.sections.get(key);
    if (!parts) {
      out.push({
        rule: 'sections',
        start: 0,
        end: 0,
        section: key,
        message: `The "${SECTION_TITLES[key]}" section is missing.`,
        suggestion: `add a "## ${SECTION_TITLES[key]}" heading with its text`,
      });
    } else if (!parts.some((p) => bodyHasWords(doc, p))) {
      const head = parts[0] as SectionPart;
      out.push({
        ...firstLine(doc.text, head.headingStart, head.bodyStart),
        rule: 'sections',
        section: key,
        message: `The "${SECTION_TITLES[key]}" section is empty.`,
        suggestion: 'write a few plain sentences under this heading',
      });
    }
  }
  return out;
}

function wordLimit(doc: SummaryDocument): Located[] {
  if (doc.words.count <= MAX_WORDS) return [];
  const at = doc.words.offsetOfWord(MAX_WORDS + 1) ?? 0;
  const end = at + (/^\S+/.exec(doc.text.slice(at))?.[0].length ?? 0);
  return [
    {
      rule: 'word-limit',
      start: at,
      end,
      message: `The summary has ${doc.words.count} words; the limit is ${MAX_WORDS}. This is word ${MAX_WORDS + 1}.`,
      suggestion: `cut ${doc.words.count - MAX_WORDS} words; keep the timeline and analysis in the internal report`,
    },
  ];
}

/** The times stated in "What happened", read in the shadow (NBSP, full-width digits), at source offsets. */
function timesInWhatHappened(view: View): { parts: SectionPart[]; times: TimeMention[] } {
  const { doc, shadow, toShadow } = view;
  const parts = doc.sections.get('whatHappened') ?? [];
  const times: TimeMention[] = [];
  for (const p of parts) {
    for (const t of timeMentions(shadow.text, toShadow(p.bodyStart), toShadow(p.end), shadow.text)) {
      // Each mention is new: moved to source offsets in place (a spread here cost more than the look-up).
      const at = toSource(shadow, t.start, t.end);
      t.start = at.start;
      t.end = at.end;
      times.push(t);
    }
  }
  return { parts, times };
}

function utcTimes(doc: SummaryDocument, times: TimeMention[], parts: SectionPart[]): Located[] {
  const head = parts[0];
  if (!head || !parts.some((p) => bodyHasWords(doc, p))) return []; // `sections` already says so
  const out: Located[] = [];
  for (const t of times.filter((x) => x.zone === 'other')) {
    out.push({
      rule: 'utc-times',
      start: t.start,
      end: t.end,
      message: t.statedZone
        ? `"${doc.text.slice(t.start, t.end)}" is in ${t.statedZone} (as the summary says), not UTC.`
        : `"${doc.text.slice(t.start, t.end)}" is not stated in UTC.`,
      suggestion: 'give the time in UTC, e.g. "14:05 UTC"',
    });
  }
  const utc = times.filter((x) => x.zone === 'utc');
  if (utc.length >= 2 || out.length > 0) return out;
  const bare = times.find((x) => x.zone === 'none');
  const where = bare ?? { ...firstLine(doc.text, head.headingStart, head.bodyStart) };
  const missing = utc.length === 0 ? 'a start and an end time' : 'an end time';
  out.push({
    rule: 'utc-times',
    start: where.start,
    end: where.end,
    message: bare
      ? `"What happened" needs ${missing} in UTC; "${doc.text.slice(bare.start, bare.end)}" has no time zone.`
      : `"What happened" needs ${missing} in UTC.`,
    suggestion: 'e.g. "from 14:05 to 15:20 UTC on 26 November"',
  });
  return out;
}

function timesMismatch(times: TimeMention[], options: LintOptions): Located[] {
  const incident = options.incident;
  const utc = times.filter((x) => x.zone === 'utc');
  if (!incident || utc.length === 0) return [];
  const out: Located[] = [];
  const check = (t: TimeMention, recorded: number, what: string) => {
    const stated = nearestInstant(t, recorded);
    const off = Math.round(Math.abs(stated - recorded) / 60_000);
    if (off <= 5) return;
    out.push({
      rule: 'times-mismatch',
      severity: 'warning',
      start: t.start,
      end: t.end,
      message: `The stated ${what} (${hhmm(stated)} UTC) is ${off} minutes from the incident's recorded ${what} (${hhmm(recorded)} UTC).`,
      suggestion: `use ${hhmm(recorded)} UTC, or correct the incident's recorded times`,
    });
  };
  check(utc[0] as TimeMention, incident.startedAt, 'start');
  const last = utc.at(-1) as TimeMention;
  if (incident.resolvedAt !== null && utc.length >= 2) check(last, incident.resolvedAt, 'end');
  return out;
}

type ListToken = Tokens.List;

function actionItems(doc: SummaryDocument): Located[] {
  const parts = doc.sections.get('prevention') ?? [];
  const items: { start: number; end: number }[] = [];
  const blocks = parts.flatMap((p) => p.blocks);
  const lists = blocks.filter((b) => b.token.type === 'list');
  if (lists.length > 0) {
    for (const b of lists) {
      let cursor = b.start;
      for (const item of (b.token as ListToken).items) {
        // An item almost always starts where the previous one ended: compare there before searching.
        const at =
          doc.text.slice(cursor, cursor + item.raw.length) === item.raw ? cursor : doc.text.indexOf(item.raw, cursor);
        if (at === -1) continue;
        items.push({ start: at, end: at + item.raw.trimEnd().length });
        cursor = at + item.raw.length;
      }
    }
  } else {
    for (const b of blocks) {
      if (b.token.type === 'paragraph') items.push({ start: b.start, end: b.start + b.token.raw.trimEnd().length });
    }
  }
  const out: Located[] = [];
  const content = (it: { start: number; end: number }) => {
    const raw = doc.text.slice(it.start, it.end);
    const marker = /^\s*(?:[-*+]|\d{1,9}[.)])?\s*(?:\[[ xX]\]\s+)?/.exec(raw)?.[0].length ?? 0;
    return firstLine(doc.text, it.start + marker, it.end);
  };
  if (items.length > 2) {
    const third = items[2] as { start: number; end: number };
    const { start, end } = content(third);
    out.push({
      start,
      end,
      rule: 'action-items',
      message: `"What we are doing to prevent it" lists ${items.length} items; customers need the top 2.`,
      suggestion: 'keep the two most important items and move the rest to the internal report',
    });
  }
  for (const it of items) {
    if (DATE_IN_ITEM.test(doc.text.slice(it.start, it.end))) continue;
    const { start, end } = content(it);
    out.push({
      start,
      end,
      rule: 'action-items',
      message: 'This action item has no date.',
      suggestion: 'say when it will be done, e.g. "by 15 January 2027"',
    });
  }
  return out;
}

/**
 * The wording of a finding with every credential in it masked: a secret's own excerpt, and any
 * other excerpt, message or suggestion that overlaps one (an action item that quotes a key).
 */
type Shown = { text?: string; message: string; suggestion?: string | undefined };

function unsecret(text: string, m: Located, secrets: Match[]): Shown {
  if (m.rule === 'secret')
    return { text: maskSecret(text.slice(m.start, m.end)), message: m.message, suggestion: m.suggestion };
  const touching = secrets.filter((s) => s.start < m.end && m.start < s.end);
  if (touching.length === 0) return m;
  let excerpt = '';
  let at = m.start;
  const parts: [string, string][] = [];
  for (const s of touching.sort((a, b) => a.start - b.start)) {
    if (s.end <= at) continue;
    const masked = maskSecret(text.slice(s.start, s.end));
    excerpt += text.slice(at, Math.max(at, s.start)) + masked;
    parts.push([text.slice(Math.max(s.start, m.start), Math.min(s.end, m.end)), masked]);
    at = Math.min(s.end, m.end);
    if (s.end >= m.end) break;
  }
  excerpt += text.slice(at, m.end);
  const scrub = (s: string | undefined) => {
    if (s === undefined) return s;
    let out = s;
    for (const [raw, masked] of parts.sort((a, b) => b[0].length - a[0].length)) out = out.split(raw).join(masked);
    return out;
  };
  return { text: excerpt, message: scrub(m.message) ?? m.message, suggestion: scrub(m.suggestion) };
}

/**
 * Overlapping matches: the more specific rule wins (a warning never hides anything), and one rule
 * reports a span once. Linear in the total length of the spans: coverage is kept per character.
 */
function resolveOverlaps(matches: Match[], length: number): Match[] {
  const rank = (r: RuleId) => {
    const i = SPAN_PRIORITY.indexOf(r);
    return i === -1 ? SPAN_PRIORITY.length : i;
  };
  const sorted = [...matches].sort((a, b) => rank(a.rule) - rank(b.rule) || b.end - b.start - (a.end - a.start));
  const errors = new Uint8Array(length + 1);
  const byRule = new Map<RuleId, Uint8Array>();
  const covered = (cover: Uint8Array, m: Match) => {
    for (let k = m.start; k < m.end; k++) if (cover[k]) return true;
    return false;
  };
  const kept: Match[] = [];
  for (const m of sorted) {
    const warning = m.severity === 'warning';
    if (!warning && covered(errors, m)) continue;
    let mine = byRule.get(m.rule);
    if (!mine) {
      mine = new Uint8Array(length + 1);
      byRule.set(m.rule, mine);
    }
    if (covered(mine, m)) continue;
    mine.fill(1, m.start, m.end);
    if (!warning) errors.fill(1, m.start, m.end);
    kept.push(m);
  }
  return kept;
}

/** At most this many findings per rule (a credential is always reported: redaction needs every one). */
const MAX_PER_RULE = 100;

function capped<T extends { rule: RuleId }>(matches: T[]): T[] {
  const counts = new Map<RuleId, number>();
  return matches.filter((m) => {
    if (m.rule === 'secret') return true;
    const n = (counts.get(m.rule) ?? 0) + 1;
    counts.set(m.rule, n);
    return n <= MAX_PER_RULE;
  });
}

/**
 * The document as the rules read it: the source, its normalised shadow (see shadow.ts) and the
 * shadow's twin of the parsed document (headings at shadow offsets), built once per lint.
 */
interface View {
  doc: SummaryDocument;
  shadow: Shadow;
  /** The parsed document with `text` the shadow and heading ranges in shadow offsets. */
  shadowDoc: SummaryDocument;
  /** Shadow offset of a source offset. */
  toShadow: (offset: number) => number;
}

function viewOf(doc: SummaryDocument): View {
  const shadow = buildShadow(doc.text, doc.markers, doc.links);
  if (shadow.identity) return { doc, shadow, shadowDoc: doc, toShadow: (o) => o };
  const toShadow = shadowIndex(shadow, doc.text.length);
  const shadowDoc: SummaryDocument = {
    ...doc,
    text: shadow.text,
    headings: doc.headings.map((h) => ({ start: toShadow(h.start), end: toShadow(h.end) })),
  };
  return { doc, shadow, shadowDoc, toShadow };
}

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `invisible-character` and `mixed-script`: what the shadow pass saw, at the writer's characters. */
function disguiseSpans(view: View): Match[] {
  const out: Match[] = [];
  const { invisible, mixed } = view.shadow;
  for (let k = 0; k < invisible.length && out.length < MAX_PER_RULE; k++) {
    const first = invisible[k] as Shadow['invisible'][number];
    let end = first.end;
    const codes = [first.codePoint];
    // A run of adjacent invisible characters is one finding.
    while (k + 1 < invisible.length && (invisible[k + 1]?.start ?? -1) === end) {
      k++;
      end = invisible[k]?.end ?? end;
      codes.push(invisible[k]?.codePoint ?? 0);
    }
    const names = [...new Set(codes)].map(hex).join(', ');
    out.push({
      rule: 'invisible-character',
      start: first.start,
      end,
      message: `An invisible character (${names}) is in the text: readers cannot see it, and it can hide a word from the checks.`,
      suggestion: 'remove it',
    });
  }
  for (const m of mixed.slice(0, MAX_PER_RULE)) {
    out.push({
      rule: 'mixed-script',
      start: m.start,
      end: m.end,
      message: `"${view.doc.text.slice(m.start, m.end)}" mixes Latin letters with look-alike Cyrillic or Greek ones.`,
      suggestion: 'retype the word in one alphabet',
    });
  }
  return out;
}

/** The leak rules' matches in a parsed document (secrets, names, hosts, tools ...), overlaps resolved. */
function leakSpans(view: View, lexicon: Lexicon): Match[] {
  const lex = compileLexicon(lexicon);
  const { shadow, shadowDoc } = view;
  const text = shadow.text;
  const words = splitWords(text, lex.firstBits, HEAD_PREFIXES);
  const seen: { credentialHead?: boolean } = {};
  const found = [
    ...patternMatches(text, lex, words, seen),
    ...lexiconMatches(shadowDoc, lex, words.list, words.lexiconStarts),
    ...(lex.roster ? [] : possibleNames(shadowDoc, words.list)),
  ]
    .filter((m) => !lex.allow.has(text.slice(m.start, m.end).toLowerCase()))
    .map((m) => {
      // Each match is new: moved to source offsets in place.
      const at = toSource(shadow, m.start, m.end);
      m.start = at.start;
      m.end = at.end;
      return m;
    });
  // The source as written too, for credentials: no normalisation may hide one.
  if (!shadow.identity) found.push(...secretMatches(view.doc.text, seen.credentialHead));
  const spans = [...resolveOverlaps(found, view.doc.text.length), ...disguiseSpans(view)];
  return capped(spans.sort((x, y) => x.start - y.start));
}

export function lintSummary(input: string | SummarySections, lexicon: Lexicon, options: LintOptions = {}): LintResult {
  const markdown = typeof input === 'string' ? input : assembleMarkdown(input);
  const doc = parseSummary(markdown);
  const view = viewOf(doc);
  const spans = leakSpans(view, lexicon);
  const { parts, times } = timesInWhatHappened(view);
  const located: Located[] = [
    // The structure and time rules are capped like the leak rules: 10,000 zone-less times are one fix.
    ...capped([
      ...sectionRules(doc),
      ...wordLimit(doc),
      ...utcTimes(doc, times, parts),
      ...timesMismatch(times, options),
      ...actionItems(doc),
    ]),
    ...spans,
  ];
  return toResult(doc, located, spans);
}

/**
 * The live-text gate: the leak rules alone (no sections, word limit or time rules) on one piece of
 * public text other than a summary: an incident title or update, a maintenance title or body, a
 * component name or description. Findings point into `text` as given.
 */
export function lintPublicText(text: string, lexicon: Lexicon): LintResult {
  const doc = parseSummary(text);
  const spans = leakSpans(viewOf(doc), lexicon);
  return toResult(doc, spans, spans);
}

function toResult(doc: SummaryDocument, located: Located[], spans: Match[]): LintResult {
  const secrets = spans.filter((m) => m.rule === 'secret');
  const findings: Finding[] = located
    .map((m): Finding & { offset: number } => {
      const { line, column } = position(doc, m.start);
      const shown: Shown = secrets.length ? unsecret(doc.text, m, secrets) : m;
      const finding: Finding & { offset: number } = {
        offset: m.start,
        rule: m.rule,
        severity: m.severity ?? 'error',
        section: m.section !== undefined ? m.section : sectionAt(doc, m.start),
        line,
        column,
        text: shown.text ?? doc.text.slice(m.start, m.end),
        length: m.end - m.start,
        message: shown.message,
      };
      if (shown.suggestion) finding.suggestion = shown.suggestion;
      return finding;
    })
    .sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule))
    .map(({ offset: _offset, ...f }) => f);

  return { ok: !findings.some((f) => f.severity === 'error'), words: doc.words.count, findings };
}
