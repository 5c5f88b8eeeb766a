// Times in a postmortem: header instants ("2026-11-26T14:05Z", "2026-11-26 14:05 UTC"), timeline
// times (a bare "14:05" takes its date from the row above or the header), and durations ("1h 15m").

export type Zone = 'utc' | 'other' | 'none';

export interface Instant {
  /** Epoch ms; null when the zone is a name we cannot convert ("PST") or missing. */
  ms: number | null;
  zone: Zone;
  /** True when the text gave a calendar date (not only a time of day). */
  hasDate: boolean;
  /** Minutes after midnight as written. */
  minutes: number;
  /** Epoch ms of the written calendar date at 00:00 UTC, when given. */
  dateMs: number | null;
}

const INSTANT =
  /(?:(\d{4})-(\d{2})-(\d{2})(?:[T ]|,?\s+))?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z\b|UTC\b|GMT\b|[+-]\d{2}:?\d{2}\b|\(UTC\)|[A-Z]{2,5}\b)?/;

function offsetMinutes(zone: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The first date-time or time of day in `text`, or null when there is none. */
export function parseInstant(text: string): (Instant & { index: number; length: number }) | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const h = Number(m[4]);
  const min = Number(m[5]);
  if (h > 23 || min > 59) return null;
  const minutes = h * 60 + min;
  const seconds = Number(m[6] ?? 0);
  const hasDate = m[1] !== undefined;
  const dateMs = hasDate ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  const zoneText = m[7];
  let zone: Zone = 'none';
  let offset: number | null = 0;
  if (zoneText) {
    const off = offsetMinutes(zoneText);
    if (/^(?:Z|UTC|GMT|\(UTC\))$/.test(zoneText) || off === 0) zone = 'utc';
    else {
      zone = 'other';
      offset = off;
    }
  }
  const ms =
    dateMs === null || zone === 'none' || offset === null
      ? null
      : dateMs + minutes * 60_000 + seconds * 1000 - offset * 60_000;
  return { ms, zone, hasDate, minutes, dateMs, index: m.index, length: m[0].trimEnd().length };
}

const DURATION_PART = /(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b/gi;

/** Minutes in a written duration ("1h 15m", "75 minutes", "1:15", "2 hours"), or null. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  const clock = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]) + Number(clock[3] ?? 0) / 60;
  let total = 0;
  let found = false;
  DURATION_PART.lastIndex = 0;
  for (let m = DURATION_PART.exec(t); m !== null; m = DURATION_PART.exec(t)) {
    found = true;
    const n = Number(m[1]);
    const unit = (m[2] ?? '').toLowerCase()[0];
    total += unit === 'd' ? n * 1440 : unit === 'h' ? n * 60 : unit === 's' ? n / 60 : n;
  }
  return found ? total : null;
}

export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const rest = m % 60;
  return [d ? `${d}d` : '', h ? `${h}h` : '', rest || (!d && !h) ? `${rest}m` : ''].filter(Boolean).join(' ');
}

export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
