// When a public render stops being true without any write: UTC days roll over (uptime bars, "last
// 14 days"), maintenance windows open and close, open incidents accrue minutes. Pure.
import type { EpochMs, Maintenance } from '../types';
import { DAY_MS, utcDayStart } from './uptime';

/** The longest a render is reused without a write, so durations of open incidents stay close to true. */
export const MAX_RENDER_AGE_MS = 60_000;

export interface Freshness {
  /** The newest change the render reflects: a write, or a time boundary it has passed. */
  lastModified: EpochMs;
  /** From this instant on, the render must be redone even if nothing was written. */
  validUntil: EpochMs;
}

export function freshness(input: {
  now: EpochMs;
  lastWriteAt: EpochMs;
  maintenances: Pick<Maintenance, 'scheduledFor' | 'scheduledUntil'>[];
  /** True when open incidents make the render drift with the clock (minutes affected, "ongoing for"). */
  drifting: boolean;
}): Freshness {
  const { now } = input;
  const dayStart = utcDayStart(now);
  let passed = Math.max(input.lastWriteAt, dayStart);
  let next = Math.min(dayStart + DAY_MS, now + MAX_RENDER_AGE_MS);
  for (const m of input.maintenances) {
    for (const t of [m.scheduledFor, m.scheduledUntil]) {
      if (t <= now) passed = Math.max(passed, t);
      else next = Math.min(next, t);
    }
  }
  if (input.drifting) passed = Math.max(passed, Math.floor(now / MAX_RENDER_AGE_MS) * MAX_RENDER_AGE_MS);
  return { lastModified: Math.min(passed, now), validUntil: next };
}
