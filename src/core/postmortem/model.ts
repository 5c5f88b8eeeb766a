// The postmortem read into plain data: header values, timeline rows, whys, the root cause, the
// customer section, action items. Lint rules, `publish` and the quarterly report all read this.
import {
  type Cell,
  type ListItem,
  listItemsIn,
  type PostmortemDocument,
  parsePostmortem,
  sectionBody,
  type Table,
  tableIn,
  textLines,
} from './document';
import { type Instant, parseDuration, parseInstant } from './times';
import { ACTION_TYPES, type ActionType, SEVERITIES, type Severity } from './types';

export type TimelineMark = 'detected' | 'acknowledged' | 'resolved';

export interface TimelineRow {
  line: number;
  time: Cell | null;
  event: Cell | null;
  source: Cell | null;
  instant: (Instant & { index: number; length: number }) | null;
  /** Epoch ms of the row, its date taken from the row above (or the header) when only a time is written. */
  at: number | null;
  /**
   * The metrics convention: an event that starts with "Detected:", "Acknowledged:" (or "Ack:") or
   * "Resolved:" marks detection, acknowledgement or resolution.
   */
  mark: TimelineMark | null;
}

export interface ActionItem {
  line: number;
  type: Cell | null;
  action: Cell | null;
  owner: Cell | null;
  due: Cell | null;
  ticket: Cell | null;
  /** Parsed `Type` when it is one of Prevent / Detect / Contain. */
  kind: ActionType | null;
  /** Epoch ms of an ISO `Due` date (YYYY-MM-DD). */
  dueMs: number | null;
  /** Marked done: a Status column saying so, or the action struck through (~~…~~). */
  done: boolean;
}

export interface Postmortem {
  doc: PostmortemDocument;
  title: string | null;
  severity: Severity | null;
  incidentId: string | null;
  startedAt: number | null;
  detectedAt: number | null;
  resolvedAt: number | null;
  durationMinutes: number | null;
  customerImpact: string | null;
  author: string | null;
  reviewers: string[];
  tags: string[];
  timeline: { table: Table | null; declaredUtc: boolean; rows: TimelineRow[] };
  whys: ListItem[];
  rootCause: (ListItem & { text: string }) | null;
  customerSummary: { markdown: string; firstLine: number } | null;
  actionItems: { table: Table | null; rows: ActionItem[] };
  wentWell: ListItem[];
  openQuestions: ListItem[];
}

export function normaliseSeverity(value: string): Severity | null {
  const m = /^\s*sev(?:erity)?[\s-]*([1-3])\b/i.exec(value);
  if (!m) return null;
  return SEVERITIES[Number(m[1]) - 1] ?? null;
}

export function field(doc: PostmortemDocument, name: string): string | null {
  const f = doc.fields.get(name);
  const v = f?.value.trim();
  return v ? v : null;
}

export function headerInstant(doc: PostmortemDocument, name: string): number | null {
  const v = field(doc, name);
  if (!v) return null;
  const i = parseInstant(v);
  return i && i.zone === 'utc' ? i.ms : null;
}

export function splitList(value: string | null): string[] {
  if (!value) return [];
  return value
    .split(/[,;]|\s+and\s+/)
    .map((s) => s.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '' && !/^(?:none|n\/a|-|tbd)$/i.test(s));
}

function column(table: Table | null, ...names: string[]): number {
  if (!table) return -1;
  return table.headers.findIndex((h) => names.some((n) => h.replace(/[*_`]/g, '').startsWith(n)));
}

function cellAt(cells: Cell[], index: number): Cell | null {
  if (index < 0) return null;
  const c = cells[index];
  return c && c.text.trim() !== '' ? c : null;
}

const MARK = /^[*_\s]*(detected|acknowledged|ack|resolved)\b[*_\s]*[:—–-]/i;

function readTimeline(doc: PostmortemDocument, fallbackDate: number | null): Postmortem['timeline'] {
  const section = doc.sections.get('timeline');
  if (!section) return { table: null, declaredUtc: false, rows: [] };
  const table = tableIn(doc, section);
  const declaredUtc = /\butc\b/i.test(section.title) || (table?.headers.some((h) => /\butc\b/.test(h)) ?? false);
  const [ti, ei, si] = [column(table, 'time', 'when'), column(table, 'event', 'what'), column(table, 'source')];
  let day = fallbackDate;
  const rows: TimelineRow[] = (table?.rows ?? []).map((r) => {
    const time = cellAt(r.cells, ti);
    const event = cellAt(r.cells, ei);
    const instant = time ? parseInstant(time.text) : null;
    let at: number | null = null;
    if (instant && instant.zone !== 'other') {
      if (instant.dateMs !== null) day = instant.dateMs;
      if (day !== null) at = day + instant.minutes * 60_000;
    } else if (instant?.ms != null) at = instant.ms;
    const mark = event ? (MARK.exec(event.text)?.[1]?.toLowerCase() ?? null) : null;
    return {
      line: r.line,
      time,
      event,
      source: cellAt(r.cells, si),
      instant,
      at,
      mark: mark === 'ack' ? 'acknowledged' : (mark as TimelineMark | null),
    };
  });
  return { table, declaredUtc, rows };
}

const ROOT_CAUSE = /^(\s*(?:[-*+]\s+|\d+[.)]\s+)?[*_]*root cause[*_]*\s*:[*_]*\s*)(.*)$/i;

function readWhys(doc: PostmortemDocument): Pick<Postmortem, 'whys' | 'rootCause'> {
  const section = doc.sections.get('fiveWhys');
  if (!section) return { whys: [], rootCause: null };
  let rootCause: Postmortem['rootCause'] = null;
  for (const l of textLines(doc, section)) {
    const m = ROOT_CAUSE.exec(l.text);
    if (m) rootCause = { text: (m[2] ?? '').trim(), line: l.line, column: (m[1] ?? '').length + 1 };
  }
  const items = listItemsIn(doc, section).filter((i) => i.line !== rootCause?.line);
  const whyLines = textLines(doc, section)
    .filter((l) => /^\s*[*_]*why\b/i.test(l.text) && !items.some((i) => i.line === l.line))
    .map((l) => ({ text: l.text.trim(), line: l.line, column: l.text.search(/\S/) + 1 }));
  return { whys: [...items, ...whyLines].sort((a, b) => a.line - b.line), rootCause };
}

function readActionItems(doc: PostmortemDocument): Postmortem['actionItems'] {
  const section = doc.sections.get('actionItems');
  const table = section ? tableIn(doc, section) : null;
  const idx = {
    type: column(table, 'type'),
    action: column(table, 'action', 'what'),
    owner: column(table, 'owner', 'who'),
    due: column(table, 'due', 'when'),
    ticket: column(table, 'ticket', 'issue', 'link'),
    status: column(table, 'status', 'state', 'done'),
  };
  const rows = (table?.rows ?? []).map((r): ActionItem => {
    const type = cellAt(r.cells, idx.type);
    const due = cellAt(r.cells, idx.due);
    const kind = ACTION_TYPES.find((t) => t.toLowerCase() === type?.text.replace(/[*_`]/g, '').trim().toLowerCase());
    const d = due ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(due.text.replace(/[*_`]/g, '').trim()) : null;
    const dueMs = d ? Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) : null;
    const action = cellAt(r.cells, idx.action);
    const status = cellAt(r.cells, idx.status)?.text ?? '';
    return {
      line: r.line,
      type,
      action,
      done:
        /^(?:done|closed|fixed|complete[d]?|shipped|resolved|yes|✓|✅)\b/i.test(status) ||
        /^~~.*~~$/.test(action?.text ?? ''),
      owner: cellAt(r.cells, idx.owner),
      due,
      ticket: cellAt(r.cells, idx.ticket),
      kind: kind ?? null,
      dueMs: dueMs !== null && !Number.isNaN(dueMs) && new Date(dueMs).getUTCDate() === Number(d?.[3]) ? dueMs : null,
    };
  });
  return { table, rows };
}

export function readPostmortem(markdown: string): Postmortem {
  const doc = parsePostmortem(markdown);
  const startedAt = headerInstant(doc, 'started');
  const detectedAt = headerInstant(doc, 'detected');
  const resolvedAt = headerInstant(doc, 'resolved');
  const firstDay = startedAt ?? detectedAt;
  const fallbackDate = firstDay === null ? null : firstDay - (firstDay % 86_400_000);
  const summarySection = doc.sections.get('customerSummary');
  const durationText = field(doc, 'duration');
  const wentWell = doc.sections.get('wentWell');
  const open = doc.sections.get('openQuestions');
  return {
    doc,
    title: doc.title?.text ?? null,
    severity: normaliseSeverity(field(doc, 'severity') ?? ''),
    incidentId:
      field(doc, 'incident')
        ?.replace(/^[`*]+|[`*]+$/g, '')
        .trim() || null,
    startedAt,
    detectedAt,
    resolvedAt,
    durationMinutes: durationText ? parseDuration(durationText) : null,
    customerImpact: field(doc, 'customer impact'),
    author: field(doc, 'author'),
    reviewers: splitList(field(doc, 'reviewers') ?? field(doc, 'reviewer')),
    tags: splitList(field(doc, 'tags')).map((t) => t.toLowerCase()),
    timeline: readTimeline(doc, fallbackDate),
    ...readWhys(doc),
    customerSummary: summarySection
      ? (() => {
          const b = sectionBody(doc, summarySection);
          return { markdown: b.text, firstLine: b.firstLine };
        })()
      : null,
    actionItems: readActionItems(doc),
    wentWell: wentWell ? listItemsIn(doc, wentWell) : [],
    openQuestions: open ? listItemsIn(doc, open) : [],
  };
}
