// The public track record of the publication commitment: of the incidents whose summary came due
// in the window, how many were published by their deadline. Pure; `now` is a parameter.
import type { EpochMs } from '../types';
import { type SlaSubject, slaClock } from './clock';
import type { SlaSettings } from './policy';

const DAY = 86_400_000;

export interface TrackRecord {
  /** Summaries published within the commitment. */
  met: number;
  /** Incidents whose outcome is known: published (in time or late), or past the deadline unpublished. */
  total: number;
  /** The commitment in hours (48 by default), for the sentence shown to visitors. */
  hours: number;
  windowDays: number;
}

/**
 * Counts incidents that require a summary and started within the last `windowDays`. Clocks still
 * running (not yet published, deadline ahead) are left out: their outcome is not known yet.
 */
export function trackRecord(
  subjects: readonly SlaSubject[],
  settings: SlaSettings,
  now: EpochMs,
  windowDays = 90,
): TrackRecord {
  const since = now - windowDays * DAY;
  let met = 0;
  let total = 0;
  for (const s of subjects) {
    if (s.startedAt < since || s.startedAt > now) continue;
    const { state } = slaClock(s, settings, now);
    if (state === 'met') {
      met++;
      total++;
    } else if (state === 'met_late' || state === 'breached') {
      total++;
    }
  }
  return { met, total, hours: settings.hours, windowDays };
}
