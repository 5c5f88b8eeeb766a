// lintPostmortem: the whole-document gate. A pure function of the markdown, the organisation's
// lexicon (the summary gate's shape) and the length ranges; the customer-facing section goes
// through lintSummary exactly as the API applies it.
import type { Lexicon } from '../summary/lexicon';
import { lintPublicText, lintSummary } from '../summary/lint';
import type { Cell, Place } from './document';
import { type Postmortem, readPostmortem } from './model';
import { formatDuration, formatUtc, parseInstant } from './times';
import {
  ACTION_TYPES,
  DEFAULT_LENGTHS,
  type PostmortemFinding,
  type PostmortemLintOptions,
  type PostmortemLintResult,
  REQUIRED_FIELDS,
  SECTIONS,
  type SectionName,
} from './types';

type Emit = (
  rule: string,
  at: Place,
  message: string,
  suggestion?: string,
  severity?: PostmortemFinding['severity'],
) => void;

const TOP: Place = { line: 1, column: 1 };

function headerRules(pm: Postmortem, emit: Emit): void {
  const { doc } = pm;
  const at = doc.title ?? TOP;
  for (const name of REQUIRED_FIELDS) {
    const key = name.toLowerCase();
    const f = doc.fields.get(key) ?? (key === 'reviewers' ? doc.fields.get('reviewer') : undefined);
    if (!f || f.value.trim() === '') {
      emit(
        'header/missing',
        f ?? at,
        `The header has no ${name}.`,
        `add a line "**${name}:** …" under the title${name === 'Tags' ? ' (the systems involved)' : ''}`,
      );
    }
  }
  const sev = doc.fields.get('severity');
  if (sev && sev.value.trim() !== '' && pm.severity === null) {
    emit('header/severity', sev, `"${sev.value.trim()}" is not a severity.`, 'write SEV-1, SEV-2 or SEV-3');
  }
  for (const name of ['started', 'detected', 'resolved']) {
    const f = doc.fields.get(name);
    if (!f || f.value.trim() === '') continue;
    const i = parseInstant(f.value);
    const label = name[0]?.toUpperCase() + name.slice(1);
    if (!i?.hasDate) {
      emit('header/time', f, `${label} "${f.value.trim()}" is not a date and time.`, 'e.g. "2026-11-26 14:05 UTC"');
    } else if (i.zone !== 'utc') {
      const place = { line: f.line, column: f.column + i.index };
      emit(
        'header/utc',
        place,
        `${label} "${f.value.trim()}" is not stated in UTC.`,
        'write the time in UTC with its zone, e.g. "2026-11-26 14:05 UTC" or "2026-11-26T14:05Z"',
      );
    }
  }
  const duration = doc.fields.get('duration');
  if (duration && duration.value.trim() !== '' && pm.resolvedAt !== null && pm.detectedAt !== null) {
    const fromDetected = (pm.resolvedAt - pm.detectedAt) / 60_000;
    const fromStart = pm.startedAt === null ? null : (pm.resolvedAt - pm.startedAt) / 60_000;
    const stated = pm.durationMinutes;
    const matches = (m: number | null) => m !== null && stated !== null && Math.abs(stated - m) < 1;
    if (fromDetected < 0) {
      emit(
        'header/duration',
        doc.fields.get('resolved') ?? duration,
        'Resolved is before Detected.',
        'check both times (UTC)',
      );
    } else if (stated === null) {
      emit(
        'header/duration',
        duration,
        `Duration "${duration.value.trim()}" is not a length of time.`,
        'e.g. "1h 15m"',
      );
    } else if (!matches(fromDetected) && !matches(fromStart)) {
      const want = formatDuration(fromStart ?? fromDetected);
      emit(
        'header/duration',
        duration,
        `Duration ${duration.value.trim()} is not Resolved minus ${fromStart === null ? 'Detected' : 'Started (or Detected)'} (${want}).`,
        `write "${want}", or correct the times`,
      );
    }
  }
  const author = pm.author?.replace(/[*_`]/g, '').trim().toLowerCase();
  const reviewers = doc.fields.get('reviewers') ?? doc.fields.get('reviewer');
  if (author && reviewers && pm.reviewers.some((r) => r.toLowerCase() === author)) {
    emit(
      'header/reviewers',
      reviewers,
      `The author (${pm.author}) is also listed as a reviewer.`,
      'ask a second engineer who was not involved in the incident to review it',
    );
  }
}

function sectionRules(pm: Postmortem, emit: Emit): void {
  for (const [name, title] of Object.entries(SECTIONS) as [SectionName, string][]) {
    if (!pm.doc.sections.has(name)) {
      emit(
        'sections/missing',
        pm.doc.title ?? TOP,
        `The "${title}" section is missing.`,
        `add a "## ${title}" section`,
      );
    }
  }
}

function timelineRules(pm: Postmortem, emit: Emit): void {
  const section = pm.doc.sections.get('timeline');
  if (!section) return;
  const heading = { line: section.line, column: 1 };
  const { table, rows, declaredUtc } = pm.timeline;
  if (!table || rows.length === 0) {
    emit(
      'timeline/table',
      heading,
      'The timeline has no table rows.',
      'add a table "| Time (UTC) | Event | Source |" with one row per event',
    );
    return;
  }
  const hasSource = table.headers.some((h) => h.replace(/[*_`]/g, '').startsWith('source'));
  if (!hasSource) {
    emit(
      'timeline/source',
      { line: table.line, column: 1 },
      'The timeline has no Source column: every row needs the log, alert, deploy or chat it comes from.',
      'add a "Source" column and fill it for each row',
    );
  }
  let previous: { at: number; line: number } | null = null;
  for (const row of rows) {
    const rowStart = { line: row.line, column: 1 };
    if (!row.time || !row.instant) {
      emit(
        'timeline/time',
        row.time ?? rowStart,
        row.time ? `"${row.time.text}" is not a time.` : 'This row has no time.',
        'write the UTC time, e.g. "14:05" under a "Time (UTC)" column, or "2026-11-26 14:05 UTC"',
      );
    } else if (row.instant.zone === 'other' || (row.instant.zone === 'none' && !declaredUtc)) {
      emit(
        'timeline/utc',
        row.time,
        `"${row.time.text}" is not stated in UTC.`,
        'give every time in UTC, and say so in the column header: "Time (UTC)"',
      );
    }
    if (!row.event) emit('timeline/event', row.time ?? rowStart, 'This row has no event.', 'say what happened');
    if (hasSource && !row.source) {
      emit(
        'timeline/source',
        row.time ?? rowStart,
        'This row has no source; a row whose source cannot be named does not go in the timeline.',
        'name the log, alert, deploy or chat message it comes from, or drop the row',
      );
    }
    if (row.at !== null) {
      if (previous && row.at < previous.at) {
        emit(
          'timeline/order',
          row.time ?? rowStart,
          `This row (${formatUtc(row.at)}) is earlier than the row above it (line ${previous.line}).`,
          'put rows in time order; write the date when the timeline crosses midnight',
        );
      }
      previous = { at: row.at, line: row.line };
    }
  }
  const first = rows.find((r) => r.at !== null);
  const last = [...rows].reverse().find((r) => r.at !== null);
  const start = pm.startedAt ?? pm.detectedAt;
  const startName = pm.startedAt === null ? 'Detected' : 'Started';
  if (first?.at != null && start !== null && first.at !== start) {
    emit(
      'timeline/start',
      first.time ?? { line: first.line, column: 1 },
      `The first row (${formatUtc(first.at)}) does not match the header's ${startName} (${formatUtc(start)}).`,
      `start the timeline at the incident's start, or correct ${startName}`,
    );
  }
  if (last?.at != null && pm.resolvedAt !== null && last.at !== pm.resolvedAt) {
    emit(
      'timeline/end',
      last.time ?? { line: last.line, column: 1 },
      `The last row (${formatUtc(last.at)}) does not match the header's Resolved (${formatUtc(pm.resolvedAt)}).`,
      'end the timeline with the resolution, or correct Resolved',
    );
  }
}

const PERSON_WORDS =
  /\b(?:human error|operator error|user error|(?:the|an?|our|one|on-?call|junior|new|that|this)\s+(?:engineers?|developers?|dev|operators?|admins?|administrators?|interns?|sres?|persons?|employees?|staff(?:er)?|team ?mates?|colleagues?)|someone|somebody|he|she|him|her|should have (?:known|checked|noticed|caught|tested|reviewed)|careless(?:ly|ness)?|negligen\w*|forgot|did not (?:check|test|notice|follow))\b/i;
const BLAME_WORDS =
  /\b(?:blam\w*|at fault|(?:the )?fault of|culprit|responsible for (?:the|this) (?:outage|incident))\b/i;

function namesInDocument(pm: Postmortem): string[] {
  const names = new Set<string>();
  const add = (raw: string | null | undefined) => {
    const n = raw
      ?.replace(/[*_`@]/g, '')
      .replace(/\(.*?\)/g, '')
      .trim();
    if (!n || !/^\p{Lu}/u.test(n)) return;
    names.add(n);
    const first = n.split(/\s+/)[0];
    if (first && first.length >= 3 && first !== n) names.add(first);
  };
  add(pm.author);
  for (const r of pm.reviewers) add(r);
  for (const a of pm.actionItems.rows) add(a.owner?.text);
  return [...names];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fiveWhysRules(pm: Postmortem, lexicon: Lexicon, emit: Emit): void {
  const section = pm.doc.sections.get('fiveWhys');
  if (!section) return;
  const heading = { line: section.line, column: 1 };
  if (pm.whys.length < 3) {
    emit(
      'five-whys/steps',
      pm.whys[0] ?? heading,
      `The five whys have ${pm.whys.length} step(s); at least 3 are needed.`,
      'keep asking "why?" until the answer is a property of the system',
    );
  }
  const rc = pm.rootCause;
  if (!rc || rc.text === '') {
    emit(
      'five-whys/root-cause',
      rc ?? heading,
      'The five whys do not end in a "Root cause:" sentence.',
      'end with one line: "Root cause: <a property of the system>"',
    );
    return;
  }
  const lastWhy = pm.whys.at(-1);
  if (lastWhy && lastWhy.line > rc.line) {
    emit(
      'five-whys/root-cause',
      rc,
      'The root cause comes before the last why.',
      'end the five whys with the root cause',
    );
  }
  const at = (index: number): Place => ({ line: rc.line, column: rc.column + index });
  const blame = BLAME_WORDS.exec(rc.text);
  if (blame) {
    emit(
      'five-whys/blame',
      at(blame.index),
      `The root cause blames ("${blame[0]}"); it must name a property of the system.`,
      'describe what the system allowed, e.g. "the deploy pipeline has no check for …"',
    );
  }
  const seen = new Set<number>();
  const person = (index: number, what: string) => {
    if (seen.has(index)) return;
    seen.add(index);
    emit(
      'five-whys/person',
      at(index),
      `The root cause names a person (${what}), not a system.`,
      'name the system property that let this happen, e.g. "the test fixtures do not match real accounts"',
    );
  };
  const word = PERSON_WORDS.exec(rc.text);
  if (word) person(word.index, `"${word[0]}"`);
  // Roster names through the same lexicon matching as the summary gate.
  for (const f of lintPublicText(rc.text, lexicon).findings) {
    if (f.rule === 'employee-name') person(f.column - 1, `"${f.text}"`);
    if (f.rule === 'blame' && !blame) {
      emit('five-whys/blame', at(f.column - 1), `The root cause blames ("${f.text}").`, f.suggestion);
    }
  }
  for (const name of namesInDocument(pm)) {
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'u').exec(rc.text);
    if (m) person(m.index, `"${name}"`);
  }
}

function summaryRules(pm: Postmortem, lexicon: Lexicon, emit: Emit): void {
  if (!pm.customerSummary) return;
  const start = pm.startedAt ?? pm.detectedAt;
  const result = lintSummary(
    pm.customerSummary.markdown,
    lexicon,
    start === null ? {} : { incident: { startedAt: start, resolvedAt: pm.resolvedAt } },
  );
  for (const f of result.findings) {
    emit(
      `summary/${f.rule}`,
      { line: f.line + pm.customerSummary.firstLine - 1, column: f.column },
      f.message,
      f.suggestion,
      f.severity,
    );
  }
}

const VAGUE =
  /^(?:(?:we (?:will|should|must|need to)\s+)?(?:be (?:more )?(?:careful|vigilant|diligent|cautious)|pay (?:more )?attention|try harder|double[- ]check(?: things| everything)?|improve (?:monitoring|alerting|testing|tests|communication|processes|process|documentation|docs|reliability|quality|observability)|better (?:monitoring|alerting|testing|communication|processes)|more (?:testing|monitoring|tests|care)|add more (?:tests|monitoring|alerts)|communicate better|test more|monitor more|review processes?)\.?)$/i;
const EMPTY_CELL = /^(?:tbd|tba|\?+|-+|—|n\/a|none|todo|unknown)$/i;

function filled(cell: Cell | null): boolean {
  return cell !== null && !EMPTY_CELL.test(cell.text.replace(/[*_`]/g, '').trim());
}

function actionItemRules(pm: Postmortem, emit: Emit): void {
  const section = pm.doc.sections.get('actionItems');
  if (!section) return;
  const { table, rows } = pm.actionItems;
  if (!table || rows.length === 0) {
    emit(
      'action-items/table',
      { line: section.line, column: 1 },
      'Action items are not in a table.',
      'list them as "| Type | Action | Owner | Due | Ticket |" rows',
    );
    return;
  }
  const counted = new Set<string>();
  for (const row of rows) {
    const rowStart = { line: row.line, column: 1 };
    const missing = (
      [
        ['Type', row.type],
        ['Action', row.action],
        ['Owner', row.owner],
        ['Due', row.due],
        ['Ticket', row.ticket],
      ] as const
    ).filter(([, c]) => !filled(c));
    if (missing.length > 0) {
      emit(
        'action-items/wish',
        row.action ?? rowStart,
        `No ${missing.map(([n]) => n.toLowerCase()).join(', ')}: this is a wish, not an action item.`,
        'give it what, who and when (an ISO date), its type and a ticket',
      );
    }
    if (filled(row.type) && row.kind === null) {
      emit(
        'action-items/type',
        row.type ?? rowStart,
        `Type "${row.type?.text}" is not one of ${ACTION_TYPES.join(', ')}.`,
        'type each item Prevent, Detect or Contain',
      );
    }
    if (filled(row.due) && row.dueMs === null) {
      emit(
        'action-items/due',
        row.due ?? rowStart,
        `Due "${row.due?.text}" is not an ISO date.`,
        'write the date as YYYY-MM-DD, e.g. "2027-01-15"',
      );
    }
    const action = row.action?.text.replace(/[*_`]/g, '').trim() ?? '';
    const vague = action !== '' && VAGUE.test(action);
    if (vague) {
      emit(
        'action-items/vague',
        row.action ?? rowStart,
        `"${action}" is too vague to be done or checked.`,
        'say the concrete change, e.g. "alert when checkout error rate > 2% for 5 minutes"',
      );
    }
    // Only a complete, concrete, dated item counts towards a SEV-1's Prevent / Detect / Contain.
    if (missing.length === 0 && row.kind && row.dueMs !== null && !vague) counted.add(row.kind);
  }
  if (pm.severity === 'SEV-1') {
    const lacking = ACTION_TYPES.filter((t) => !counted.has(t));
    if (lacking.length > 0) {
      emit(
        'action-items/coverage',
        { line: table.line, column: 1 },
        `A SEV-1 needs at least one complete item of each type; there is no ${lacking.join(', ')} item.`,
        'add an item that prevents a repeat, one that detects it sooner, and one that contains its impact',
      );
    }
  }
}

const PERSON_IN_QUESTION =
  /@[\w.-]+|\b(?:owner|who|chaser?|follow(?:s|ed)?[- ]?up(?: by)?|asked? by|assigned to|for)\s*:?\s*[\p{Lu}@]|[—–]\s*[\p{Lu}@][\p{L}'.-]+|\(\s*[\p{Lu}@][\p{L}'.-]+(?:\s+[\p{Lu}][\p{L}'.-]+)?\s*\)\s*$/u;

function listRules(pm: Postmortem, emit: Emit): void {
  const well = pm.doc.sections.get('wentWell');
  if (well && pm.wentWell.length < 2) {
    emit(
      'went-well/count',
      pm.wentWell[0] ?? { line: well.line, column: 1 },
      `"What went well" lists ${pm.wentWell.length} item(s); name at least 2.`,
      'list two or three things that helped (as "- " items)',
    );
  }
  for (const q of pm.openQuestions) {
    if (/^(?:none|n\/a|-)\.?$/i.test(q.text)) continue;
    if (!PERSON_IN_QUESTION.test(q.text)) {
      emit(
        'open-questions/owner',
        q,
        'This open question names no one to chase it.',
        'end it with the person following it up, e.g. "— @sam" or "(owner: Sam Lee)"',
      );
    }
  }
}

function lengthRule(pm: Postmortem, options: PostmortemLintOptions, emit: Emit): void {
  if (!pm.severity) return;
  const range = (options.lengths ?? DEFAULT_LENGTHS)[pm.severity];
  if (!range) return;
  const words = pm.doc.words;
  if (words >= range.min && words <= range.max) return;
  emit(
    'length/range',
    pm.doc.title ?? TOP,
    `A ${pm.severity} postmortem runs ${range.min}-${range.max} words with the timeline; this one has ${words}.`,
    words < range.min ? 'the document looks thin: fill in the analysis and timeline' : 'tighten it',
    'warning',
  );
}

export function lintPostmortem(
  markdown: string,
  lexicon: Lexicon,
  options: PostmortemLintOptions = {},
): PostmortemLintResult & { postmortem: Postmortem } {
  const pm = readPostmortem(markdown);
  const findings: PostmortemFinding[] = [];
  const emit: Emit = (rule, at, message, suggestion, severity = 'error') => {
    const f: PostmortemFinding = { rule, severity, line: at.line, column: at.column, message };
    if (suggestion) f.suggestion = suggestion;
    findings.push(f);
  };
  headerRules(pm, emit);
  sectionRules(pm, emit);
  timelineRules(pm, emit);
  fiveWhysRules(pm, lexicon, emit);
  summaryRules(pm, lexicon, emit);
  actionItemRules(pm, emit);
  listRules(pm, emit);
  lengthRule(pm, options, emit);
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return {
    ok: !findings.some((f) => f.severity === 'error'),
    words: pm.doc.words,
    findings,
    postmortem: pm,
  };
}
