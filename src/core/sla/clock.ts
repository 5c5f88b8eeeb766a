// The SLA clock: an incident's deadline, state and due checkpoints, derived from its current fields
// and `now` at read time (never stored, so a change of startedAt or severity moves it at once).
import type { EpochMs, Severity } from '../types';
import { requiresSummary, type SlaSettings, slaDeadline } from './policy';

const HOUR = 3_600_000;

export const SLA_STATES = ['not_required', 'pending', 'due_soon', 'breached', 'met', 'met_late'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const SLA_ALERT_TYPES = ['sla.checkpoint', 'sla.breached', 'sla.overdue', 'sla.met'] as const;
export type SlaAlertType = (typeof SLA_ALERT_TYPES)[number];

/** The checkpoint id of the one confirmation sent when the summary is published. */
export const MET_CHECKPOINT = 'met';

/**
 * A moment the lead hears about the clock. Ids are stable strings (`T-24h`, `deadline`, `overdue-2`)
 * so that the outbox's UNIQUE(incident, checkpoint, channel) makes each one go out once.
 */
export interface Checkpoint {
  id: string;
  at: EpochMs;
  type: SlaAlertType;
}

export interface SlaSubject {
  severity: Severity;
  startedAt: EpochMs;
  /** When the first publication of the customer summary happened; null while unpublished. */
  publishedAt: EpochMs | null;
}

export interface SlaClock {
  required: boolean;
  deadline: EpochMs | null;
  state: SlaState;
  /**
   * Whole seconds from `now` (or from the publication, once published: the clock stops) to the
   * deadline; negative once past it. Null when no summary is required.
   */
  secondsLeft: number | null;
  /** Checkpoints at or before `now`, oldest first; empty once published or when not required. */
  checkpointsDue: Checkpoint[];
}

function checkpointIdBefore(hours: number): string {
  return `T-${hours}h`;
}

/** Pre-deadline reminder hours, positive and distinct, largest (earliest) first. */
export function normaliseCheckpointHours(hours: readonly number[]): number[] {
  return [...new Set(hours.filter((h) => Number.isFinite(h) && h > 0))].sort((a, b) => b - a);
}

/** Every checkpoint of a clock with this deadline that falls at or before `until`, oldest first. */
export function checkpointsUntil(deadline: EpochMs, settings: SlaSettings, until: EpochMs): Checkpoint[] {
  const out: Checkpoint[] = [];
  for (const h of normaliseCheckpointHours(settings.checkpointHours)) {
    const at = deadline - h * HOUR;
    if (at <= until) out.push({ id: checkpointIdBefore(h), at, type: 'sla.checkpoint' });
  }
  if (deadline <= until) out.push({ id: 'deadline', at: deadline, type: 'sla.breached' });
  const every = settings.overdueEveryHours * HOUR;
  if (every > 0 && until > deadline) {
    const n = Math.floor((until - deadline) / every);
    for (let i = 1; i <= n; i++) out.push({ id: `overdue-${i}`, at: deadline + i * every, type: 'sla.overdue' });
  }
  return out;
}

function wholeSeconds(ms: number): number {
  const s = Math.floor(ms / 1000);
  return s === 0 ? 0 : s; // no -0 on the wire
}

export function slaClock(subject: SlaSubject, settings: SlaSettings, now: EpochMs): SlaClock {
  if (!requiresSummary(subject.severity, settings)) {
    return { required: false, deadline: null, state: 'not_required', secondsLeft: null, checkpointsDue: [] };
  }
  const deadline = slaDeadline(subject.startedAt, settings);
  if (subject.publishedAt !== null) {
    return {
      required: true,
      deadline,
      state: subject.publishedAt <= deadline ? 'met' : 'met_late',
      secondsLeft: wholeSeconds(deadline - subject.publishedAt),
      checkpointsDue: [],
    };
  }
  const lastWindow = normaliseCheckpointHours(settings.checkpointHours).at(-1);
  let state: SlaState = 'pending';
  if (now >= deadline) state = 'breached';
  else if (lastWindow !== undefined && now >= deadline - lastWindow * HOUR) state = 'due_soon';
  return {
    required: true,
    deadline,
    state,
    secondsLeft: wholeSeconds(deadline - now),
    checkpointsDue: checkpointsUntil(deadline, settings, now),
  };
}

/**
 * The one checkpoint to send now: the latest one already passed, unless it has been sent. Earlier
 * passed checkpoints are never sent late (a backdated incident hears only the latest news).
 */
export function dueCheckpoint(clock: SlaClock, sent: ReadonlySet<string>): Checkpoint | null {
  const latest = clock.checkpointsDue.at(-1);
  if (!latest || sent.has(latest.id)) return null;
  return latest;
}
