// The 90-day uptime bar: one cell per UTC day per component, coloured by the worst impact that day,
// derived from the impact windows of public incidents (startedAt .. resolvedAt, or now while open).
import { STATUS_RANK } from '../status';
import type { ComponentStatus, EpochMs, Incident } from '../types';

export const DAY_MS = 86_400_000;

/** How much of a minute of each status counts as downtime (the weights Statuspage's uptime uses). */
export const DOWNTIME_WEIGHT: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

export type UptimeIncident = Pick<Incident, 'id' | 'title' | 'startedAt' | 'resolvedAt' | 'components'>;

export interface DayCell {
  /** UTC calendar date, YYYY-MM-DD. */
  date: string;
  dayStart: EpochMs;
  /** 'no_data' before the component existed; otherwise the worst impact that day ('operational' if none). */
  worst: ComponentStatus | 'no_data';
  incidents: { id: string; title: string }[];
  /** Minutes of the day covered by at least one impact window (overlaps counted once). */
  minutesAffected: number;
}

export interface UptimeBar {
  componentId: string;
  days: DayCell[];
  /** Percentage over the part of the window the component existed, to 2 decimals; null when it did not exist yet. */
  uptimePercent: number | null;
  /** Where the percentage starts: the window's first day, or the component's creation if it is younger. */
  measuredFrom: EpochMs;
  /** Whether the component is younger than the window (its bar starts with "no data"). */
  younger: boolean;
}

export function utcDayStart(t: EpochMs): EpochMs {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

export function utcDate(t: EpochMs): string {
  return new Date(t).toISOString().slice(0, 10);
}

interface Window {
  start: EpochMs;
  end: EpochMs;
  status: ComponentStatus;
  incident: { id: string; title: string };
}

/** Length of the union of [start, end) intervals. */
function unionLength(intervals: { start: number; end: number }[]): number {
  if (intervals.length === 0) return 0;
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = sorted[0]?.start ?? 0;
  let curEnd = curStart;
  for (const iv of sorted) {
    if (iv.start > curEnd) {
      total += curEnd - curStart;
      curStart = iv.start;
      curEnd = iv.end;
    } else if (iv.end > curEnd) curEnd = iv.end;
  }
  return total + (curEnd - curStart);
}

/** Weighted downtime of overlapping windows: each instant counts at the heaviest weight covering it (one sweep). */
export function weightedDowntime(windows: { start: number; end: number; status: ComponentStatus }[]): number {
  // Only windows that weigh anything matter; each opens at its start and closes at its end.
  const events: { at: number; weight: number; open: boolean }[] = [];
  for (const w of windows) {
    const weight = DOWNTIME_WEIGHT[w.status];
    if (weight === 0 || w.end <= w.start) continue;
    events.push({ at: w.start, weight, open: true }, { at: w.end, weight, open: false });
  }
  events.sort((a, b) => a.at - b.at);
  // How many windows of each weight are open: the heaviest with a count above zero is the current weight.
  const openByWeight = new Map<number, number>();
  let total = 0;
  let last = 0;
  let current = 0;
  for (const e of events) {
    total += current * (e.at - last);
    last = e.at;
    openByWeight.set(e.weight, (openByWeight.get(e.weight) ?? 0) + (e.open ? 1 : -1));
    current = 0;
    for (const [weight, n] of openByWeight) if (n > 0 && weight > current) current = weight;
  }
  return total;
}

/**
 * Builds each component's bar over the `days` UTC days ending today (the last cell is today, up to `now`).
 * `components` carry their creation time so days before a component existed read "no data".
 */
export function uptimeBars(
  components: { id: string; createdAt: EpochMs }[],
  incidents: UptimeIncident[],
  now: EpochMs,
  days = 90,
): UptimeBar[] {
  const today = utcDayStart(now);
  const first = today - (days - 1) * DAY_MS;
  const byComponent = new Map<string, Window[]>();
  for (const inc of incidents) {
    const start = Math.max(inc.startedAt, first);
    const end = Math.min(inc.resolvedAt ?? now, now);
    if (end <= start) continue;
    for (const c of inc.components) {
      if (c.status === 'operational') continue;
      const list = byComponent.get(c.id) ?? [];
      list.push({ start, end, status: c.status, incident: { id: inc.id, title: inc.title } });
      byComponent.set(c.id, list);
    }
  }

  // Dates and day bounds once for all components; each window is then dealt to the days it touches.
  const dates: string[] = [];
  for (let d = 0; d < days; d++) dates.push(utcDate(first + d * DAY_MS));

  return components.map((component) => {
    const windows = byComponent.get(component.id) ?? [];
    const existsFrom = Math.max(first, component.createdAt);
    const perDay: Window[][] = [];
    for (const w of windows) {
      const lastDay = Math.min(days - 1, Math.floor((w.end - 1 - first) / DAY_MS));
      for (let d = Math.max(0, Math.floor((w.start - first) / DAY_MS)); d <= lastDay; d++) {
        const dayStart = first + d * DAY_MS;
        const clipped: Window = {
          start: Math.max(w.start, dayStart),
          end: Math.min(w.end, dayStart + DAY_MS, now),
          status: w.status,
          incident: w.incident,
        };
        if (clipped.end <= clipped.start) continue;
        const list = perDay[d];
        if (list) list.push(clipped);
        else perDay[d] = [clipped];
      }
    }
    const cells: DayCell[] = [];
    for (let d = 0; d < days; d++) {
      const dayStart = first + d * DAY_MS;
      const date = dates[d] ?? utcDate(dayStart);
      if (dayStart + DAY_MS <= component.createdAt) {
        cells.push({ date, dayStart, worst: 'no_data', incidents: [], minutesAffected: 0 });
        continue;
      }
      const inDay = perDay[d];
      if (!inDay) {
        cells.push({ date, dayStart, worst: 'operational', incidents: [], minutesAffected: 0 });
        continue;
      }
      let worst: ComponentStatus = 'operational';
      const seen = new Map<string, { id: string; title: string }>();
      for (const w of inDay) {
        if (STATUS_RANK[w.status] > STATUS_RANK[worst]) worst = w.status;
        seen.set(w.incident.id, w.incident);
      }
      cells.push({
        date,
        dayStart,
        worst,
        incidents: [...seen.values()],
        minutesAffected: Math.round(unionLength(inDay) / 60_000),
      });
    }
    const span = now - existsFrom;
    let uptimePercent: number | null = null;
    if (span > 0) {
      const down = weightedDowntime(
        windows.map((w) => ({ start: Math.max(w.start, existsFrom), end: w.end, status: w.status })),
      );
      uptimePercent = Math.floor((1 - down / span) * 10_000) / 100;
    }
    return {
      componentId: component.id,
      days: cells,
      uptimePercent,
      measuredFrom: existsFrom,
      younger: existsFrom > first,
    };
  });
}
