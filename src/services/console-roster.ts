// A staff roster as CSV (name, then optional aliases) merged into the lexicon's employee names, so a
// summary that names anyone on it is caught. One row per person; aliases in further columns, or
// separated by ";" in one column. A first row whose first cell is "name" is a header.
import { DomainError } from '../core/errors';
import type { Lexicon } from '../core/summary/lexicon';
import type { Actor } from '../core/types';
import type { Deps } from './deps';
import { getLexicon, putLexicon } from './lexicon';

/** RFC 4180 fields: quoted cells may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Every name and alias in a roster CSV, trimmed, blank cells skipped. */
export function rosterNames(csv: string): string[] {
  const rows = parseCsv(csv).filter((r) => r.some((c) => c.trim() !== ''));
  if (rows[0]?.[0]?.trim().toLowerCase() === 'name') rows.shift();
  const names: string[] = [];
  rows.forEach((r, n) => {
    const [name, ...rest] = r.map((c) => c.trim());
    if (!name)
      throw new DomainError('validation_failed', `Row ${n + 1} of the roster has no name in its first column.`);
    names.push(name, ...rest.flatMap((c) => c.split(';').map((a) => a.trim())).filter(Boolean));
  });
  return names;
}

/** Adds a roster's names to the lexicon's employees (case-insensitive, no duplicates); returns how many were new. */
export async function importRoster({
  deps,
  csv,
  actor,
}: {
  deps: Deps;
  csv: string;
  actor: Actor;
}): Promise<{ lexicon: Lexicon; added: number }> {
  const names = rosterNames(csv);
  if (names.length === 0) throw new DomainError('validation_failed', 'The roster has no names.');
  const current = await getLexicon({ deps });
  const employees = [...(current.employees ?? [])];
  const seen = new Set(employees.map((e) => e.toLowerCase()));
  let added = 0;
  for (const name of names) {
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    employees.push(name);
    added++;
  }
  const lexicon = await putLexicon({ deps, input: { ...current, employees }, actor });
  return { lexicon, added };
}
