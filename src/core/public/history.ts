// Grouping of past incidents for the public page: by UTC day (the last 14 days on the home page)
// and by UTC month (the paginated history). Pure: `now` is a parameter.
import type { EpochMs, Incident } from '../types';
import { type Indicator, incidentImpact } from './status';
import { DAY_MS, utcDate, utcDayStart } from './uptime';

export interface DayGroup<T> {
  date: string;
  dayStart: EpochMs;
  items: T[];
}

/** The last `days` UTC days, newest first, each with the incidents that started that day (newest first). Empty days stay, so "no incidents" is said out loud. */
export function groupByDay<T extends { startedAt: EpochMs }>(items: T[], now: EpochMs, days = 14): DayGroup<T>[] {
  const today = utcDayStart(now);
  const groups: DayGroup<T>[] = [];
  for (let d = 0; d < days; d++) {
    const dayStart = today - d * DAY_MS;
    groups.push({ date: utcDate(dayStart), dayStart, items: [] });
  }
  const sorted = [...items].sort((a, b) => b.startedAt - a.startedAt);
  for (const item of sorted) {
    const index = (today - utcDayStart(item.startedAt)) / DAY_MS;
    groups[index]?.items.push(item);
  }
  return groups;
}

/** A UTC calendar month, e.g. "2026-11". */
export interface Month {
  year: number;
  /** 1..12 */
  month: number;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseMonth(s: string): Month | null {
  const m = MONTH_RE.exec(s);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function monthOf(t: EpochMs): Month {
  const d = new Date(t);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

export function monthKey(m: Month): string {
  return `${String(m.year).padStart(4, '0')}-${String(m.month).padStart(2, '0')}`;
}

export function addMonths(m: Month, n: number): Month {
  const index = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** [start, end) of the month in epoch ms. */
export function monthRange(m: Month): { start: EpochMs; end: EpochMs } {
  return { start: Date.UTC(m.year, m.month - 1, 1), end: Date.UTC(m.year, m.month, 1) };
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function monthLabel(m: Month): string {
  return `${MONTH_NAMES[m.month - 1] ?? ''} ${m.year}`;
}

/** "1 h 25 min", "3 min", "2 d 4 h": how long something lasted, for people. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${days} d ${h} h` : `${days} d`;
}

/** "2026-11-20 14:05 UTC": every time on the page is UTC, said so. */
export function formatUtc(t: EpochMs): string {
  const s = new Date(t).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

/** The impacts a visitor can filter the history by (the words the incident cards show), worst first. */
export const HISTORY_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type HistorySeverity = (typeof HISTORY_SEVERITIES)[number];

export function parseHistorySeverity(s: string): HistorySeverity | null {
  return (HISTORY_SEVERITIES as readonly string[]).includes(s) ? (s as HistorySeverity) : null;
}

/** What /history shows besides the month: one component, one impact, or everything (null). */
export interface HistoryFilter {
  component: string | null;
  severity: HistorySeverity | null;
}

export function matchesHistoryFilter(incident: Pick<Incident, 'severity' | 'components'>, f: HistoryFilter): boolean {
  if (f.component !== null && !incident.components.some((c) => c.id === f.component)) return false;
  return f.severity === null || incidentImpact(incident) === (f.severity satisfies Indicator);
}

/** The month /history opens on without `?month`: the newest month with incidents, never one after `now`'s. */
export function defaultHistoryMonth(newestStart: EpochMs | null, now: EpochMs): Month {
  return newestStart === null || newestStart > now ? monthOf(now) : monthOf(newestStart);
}

/** The query string of a /history link: the month, then the filters that are set (stable order, for one cache key). */
export function historyQuery(month: Month | null, f: HistoryFilter): string {
  const parts: string[] = [];
  if (month) parts.push(`month=${monthKey(month)}`);
  if (f.component !== null) parts.push(`component=${encodeURIComponent(f.component)}`);
  if (f.severity !== null) parts.push(`severity=${f.severity}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
