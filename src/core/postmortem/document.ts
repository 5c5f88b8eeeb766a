// The postmortem as a document: header fields, second-level sections, tables and list items, each
// with its 1-based line and column in the file as written. A line scanner, not a markdown renderer:
// positions must point at the writer's characters, and fenced code is skipped.
import { SECTIONS, type SectionName } from './types';

export interface Place {
  line: number;
  column: number;
}

export interface HeaderField extends Place {
  /** Lower-case field name as written ("customer impact"). */
  name: string;
  value: string;
}

export interface Section {
  name: SectionName | null;
  title: string;
  /** The heading's line; the body runs from the next line up to (not including) `endLine`. */
  line: number;
  endLine: number;
}

export interface Cell extends Place {
  text: string;
}

export interface TableRow {
  line: number;
  cells: Cell[];
}

export interface Table {
  line: number;
  /** Lower-case header texts, in column order. */
  headers: string[];
  rows: TableRow[];
}

export interface ListItem extends Place {
  text: string;
}

export interface PostmortemDocument {
  lines: string[];
  title: (Place & { text: string }) | null;
  /** Header fields found before the first section, by lower-case name (the first one wins). */
  fields: Map<string, HeaderField>;
  sections: Map<SectionName, Section>;
  /** Words a reader sees (markup removed), over the whole document. */
  words: number;
  /** True for lines inside fenced code blocks. */
  inCode: boolean[];
}

const SECTION_PATTERNS: [SectionName, RegExp][] = [
  ['timeline', /^timeline\b/],
  ['whatHappened', /^what happened\b/],
  ['fiveWhys', /^(?:five|5) whys\b/],
  ['customerSummary', /^customer[- ]?(?:facing )?summary\b/],
  ['actionItems', /^action items\b/],
  ['wentWell', /^what went well\b/],
  ['openQuestions', /^open questions\b/],
];

export function sectionNameOf(title: string): SectionName | null {
  const t = title
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/^\s*\d+[.)]\s+/, '')
    .trim();
  for (const [name, re] of SECTION_PATTERNS) if (re.test(t)) return name;
  return null;
}

const FIELD =
  /^(\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z -]{0,40}?)(?:\s*:\s*(?:\*\*|__)|(?:\*\*|__)\s*:|\s*:)[ \t]*)(.*)$/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function splitCells(line: string, lineNo: number): Cell[] {
  const cells: Cell[] = [];
  let i = line.indexOf('|');
  if (i === -1) return cells;
  let start = i + 1;
  for (i = start; i <= line.length; i++) {
    const ch = line[i];
    if (i === line.length || (ch === '|' && line[i - 1] !== '\\')) {
      const raw = line.slice(start, i);
      if (i === line.length && raw.trim() === '') break; // the closing pipe's empty tail
      const lead = raw.length - raw.trimStart().length;
      cells.push({ text: raw.trim().replace(/\\\|/g, '|'), line: lineNo, column: start + lead + 1 });
      start = i + 1;
    }
  }
  return cells;
}

function countWords(line: string): number {
  const plain = line.replace(/[|#*_>`~]+/g, ' ').replace(/^\s*(?:[-+]|\d+[.)])\s+/, ' ');
  return plain.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function parsePostmortem(input: string): PostmortemDocument {
  // HTML comments are the writer's notes (the template's prompts): blanked, keeping every position.
  const text = input.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const lines = text.split('\n');
  const inCode: boolean[] = [];
  const fields = new Map<string, HeaderField>();
  const sections = new Map<SectionName, Section>();
  let title: PostmortemDocument['title'] = null;
  let fence: string | null = null;
  let current: Section | null = null;
  let seenSection = false;
  let words = 0;
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const f = FENCE.exec(line);
    if (fence !== null) {
      inCode.push(true);
      if (f && f[1]?.[0] === fence[0] && (f[1]?.length ?? 0) >= fence.length) fence = null;
      return;
    }
    if (f) {
      fence = f[1] ?? '```';
      inCode.push(true);
      return;
    }
    inCode.push(false);
    words += countWords(line);
    const h = HEADING.exec(line);
    if (h) {
      const depth = h[1]?.length ?? 0;
      const text = h[2] ?? '';
      if (depth === 1 && title === null && !seenSection) {
        title = { text, line: lineNo, column: line.indexOf(text) + 1 };
        return;
      }
      if (depth <= 2) {
        if (current) current.endLine = lineNo;
        seenSection = true;
        const name = sectionNameOf(text);
        current = { name, title: text, line: lineNo, endLine: lines.length + 1 };
        if (name && !sections.has(name)) sections.set(name, current);
        return;
      }
    }
    if (!seenSection) {
      const m = FIELD.exec(line);
      if (m) {
        const name = (m[2] ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
        const value = (m[3] ?? '').trimEnd();
        if (!fields.has(name)) fields.set(name, { name, value, line: lineNo, column: (m[1] ?? '').length + 1 });
      }
    }
  });
  return { lines, title, fields, sections, words, inCode };
}

/** Body line numbers of a section (1-based), skipping fenced code. */
function bodyLines(doc: PostmortemDocument, section: Section): number[] {
  const out: number[] = [];
  for (let n = section.line + 1; n < section.endLine; n++) if (!doc.inCode[n - 1]) out.push(n);
  return out;
}

/** The first pipe table in a section: its header row and data rows (separator skipped). */
export function tableIn(doc: PostmortemDocument, section: Section): Table | null {
  let table: Table | null = null;
  for (const n of bodyLines(doc, section)) {
    const line = doc.lines[n - 1] ?? '';
    const isRow = line.trimStart().startsWith('|');
    if (!isRow) {
      if (table) break;
      continue;
    }
    if (!table) {
      table = { line: n, headers: splitCells(line, n).map((c) => c.text.toLowerCase()), rows: [] };
      continue;
    }
    if (TABLE_SEPARATOR.test(line)) continue;
    table.rows.push({ line: n, cells: splitCells(line, n) });
  }
  return table;
}

/** Top-level list items of a section (continuation lines joined). */
export function listItemsIn(doc: PostmortemDocument, section: Section): ListItem[] {
  const items: ListItem[] = [];
  let last: ListItem | null = null;
  for (const n of bodyLines(doc, section)) {
    const line = doc.lines[n - 1] ?? '';
    const m = LIST_ITEM.exec(line);
    if (m && (m[1] ?? '').search(/\S/) <= 1) {
      const text = (m[2] ?? '').trim();
      last = text === '' ? null : { text, line: n, column: (m[1] ?? '').length + 1 };
      if (last) items.push(last);
    } else if (last && /^\s+\S/.test(line)) {
      last.text += ` ${line.trim()}`;
    } else if (line.trim() === '') {
    } else {
      last = null;
    }
  }
  return items;
}

/** The section's body as text, with the line number its first line has in the file. */
export function sectionBody(doc: PostmortemDocument, section: Section): { text: string; firstLine: number } {
  return { text: doc.lines.slice(section.line, section.endLine - 1).join('\n'), firstLine: section.line + 1 };
}

/** Non-empty, non-code body lines of a section with their numbers. */
export function textLines(doc: PostmortemDocument, section: Section): { line: number; text: string }[] {
  return bodyLines(doc, section)
    .map((n) => ({ line: n, text: doc.lines[n - 1] ?? '' }))
    .filter((l) => l.text.trim() !== '');
}

export const SECTION_TITLES = SECTIONS;
