// The second SLA clock: the internal postmortem is due N business days (default 5) after the
// incident is resolved, weekends and holidays skipped, all in UTC. It stops when the document's link
// is recorded. Pure: `now` is a parameter; holidays are ISO dates given by the organisation.
import type { EpochMs, Severity } from '../types';
import { normaliseCheckpointHours } from './clock';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface PostmortemDeadlinePolicy {
  /** Business days after the resolution day; the document is due by the end of the last one (UTC). */
  businessDays: number;
  /** UTC days of the week that are not business days (0 = Sunday … 6 = Saturday). */
  weekend: number[];
  /** Public holidays as ISO dates ("2026-12-25"), not business days either. */
  holidays: string[];
  /** Reminders this many hours before the deadline. */
  checkpointHours: number[];
  /** After the deadline, one more reminder every this many hours until the link is recorded. */
  overdueEveryHours: number;
}

export const DEFAULT_POSTMORTEM_POLICY: PostmortemDeadlinePolicy = {
  businessDays: 5,
  weekend: [0, 6],
  holidays: [],
  checkpointHours: [48, 4],
  overdueEveryHours: 24,
};

export function isBusinessDay(
  dayStart: EpochMs,
  policy: Pick<PostmortemDeadlinePolicy, 'weekend' | 'holidays'>,
): boolean {
  const d = new Date(dayStart);
  return !policy.weekend.includes(d.getUTCDay()) && !policy.holidays.includes(d.toISOString().slice(0, 10));
}

/**
 * The end (exclusive: 00:00 UTC of the next day) of the `businessDays`-th business day after the
 * day `resolvedAt` falls on. Resolved on Friday with 5 days: due by the end of the next Friday.
 */
export function postmortemDeadline(resolvedAt: EpochMs, policy: PostmortemDeadlinePolicy): EpochMs {
  const days = Math.max(1, Math.floor(policy.businessDays));
  let day = resolvedAt - (((resolvedAt % DAY) + DAY) % DAY);
  let counted = 0;
  // A year of holidays cannot stall the loop for long: at most days + 7 + holidays iterations.
  for (let guard = 0; counted < days && guard < days * 7 + policy.holidays.length + 14; guard++) {
    day += DAY;
    if (isBusinessDay(day, policy)) counted++;
  }
  return day + DAY;
}

export const POSTMORTEM_STATES = ['not_started', 'pending', 'due_soon', 'breached', 'met', 'met_late'] as const;
export type PostmortemState = (typeof POSTMORTEM_STATES)[number];

export interface PostmortemCheckpoint {
  /** Stable ids, apart from the summary clock's: `postmortem-T-48h`, `postmortem-deadline`, `postmortem-overdue-2`. */
  id: string;
  at: EpochMs;
  type: 'postmortem.checkpoint' | 'postmortem.breached' | 'postmortem.overdue';
}

export interface PostmortemClock {
  deadline: EpochMs | null;
  state: PostmortemState;
  /** Checkpoints at or before `now`, oldest first; empty once the link is recorded or before resolution. */
  checkpointsDue: PostmortemCheckpoint[];
}

export function postmortemClock(
  subject: { resolvedAt: EpochMs | null; postmortemLinkedAt: EpochMs | null },
  policy: PostmortemDeadlinePolicy,
  now: EpochMs,
): PostmortemClock {
  if (subject.resolvedAt === null) return { deadline: null, state: 'not_started', checkpointsDue: [] };
  const deadline = postmortemDeadline(subject.resolvedAt, policy);
  if (subject.postmortemLinkedAt !== null) {
    return { deadline, state: subject.postmortemLinkedAt <= deadline ? 'met' : 'met_late', checkpointsDue: [] };
  }
  const hours = normaliseCheckpointHours(policy.checkpointHours);
  const checkpointsDue: PostmortemCheckpoint[] = [];
  for (const h of hours) {
    const at = deadline - h * HOUR;
    if (at <= now && at >= subject.resolvedAt)
      checkpointsDue.push({ id: `postmortem-T-${h}h`, at, type: 'postmortem.checkpoint' });
  }
  if (deadline <= now) checkpointsDue.push({ id: 'postmortem-deadline', at: deadline, type: 'postmortem.breached' });
  const every = policy.overdueEveryHours * HOUR;
  if (every > 0 && now > deadline) {
    const n = Math.floor((now - deadline) / every);
    for (let i = 1; i <= n; i++) {
      checkpointsDue.push({ id: `postmortem-overdue-${i}`, at: deadline + i * every, type: 'postmortem.overdue' });
    }
  }
  const last = hours.at(-1);
  const state: PostmortemState =
    now >= deadline ? 'breached' : last !== undefined && now >= deadline - last * HOUR ? 'due_soon' : 'pending';
  return { deadline, state, checkpointsDue };
}

/**
 * What the page says of a resolved incident when the organisation makes "resolved" wait for the
 * postmortem draft: "resolved · postmortem pending" until a draft is linked.
 */
export function resolvedLabel(
  incident: { status: string; postmortemLinkedAt: EpochMs | null },
  settings: { resolvedWaitsForPostmortem: boolean },
): 'resolved' | 'resolved · postmortem pending' | null {
  if (incident.status !== 'resolved') return null;
  return settings.resolvedWaitsForPostmortem && incident.postmortemLinkedAt === null
    ? 'resolved · postmortem pending'
    : 'resolved';
}

/** The whole postmortem-deadline configuration (the "postmortem" part of the SLA settings). */
export interface PostmortemSettings extends PostmortemDeadlinePolicy {
  /** Severities that owe an internal postmortem (SEV-3 needs no document). */
  severities: Severity[];
  /** When on, a resolved incident that owes a postmortem reads "resolved · postmortem pending" until one is linked. */
  resolvedWaitsForPostmortem: boolean;
}

export const DEFAULT_POSTMORTEM_SETTINGS: PostmortemSettings = {
  ...DEFAULT_POSTMORTEM_POLICY,
  severities: ['SEV-1', 'SEV-2'],
  resolvedWaitsForPostmortem: false,
};

export const POSTMORTEM_ALERT_TYPES = ['postmortem.checkpoint', 'postmortem.breached', 'postmortem.overdue'] as const;
export type PostmortemAlertType = (typeof POSTMORTEM_ALERT_TYPES)[number];

/** An incident's postmortem clock as the API shows it: whether one is owed, by when, and where it stands. */
export interface IncidentPostmortemClock extends PostmortemClock {
  required: boolean;
  /** Whole seconds from `now` (or from the linking, once linked) to the deadline; negative once past. */
  secondsLeft: number | null;
  /** Past the deadline with no document linked. */
  overdue: boolean;
  /** When the document's link was first recorded (the clock stopped there); null: not linked. */
  linkedAt: EpochMs | null;
  /** "resolved · postmortem pending" while the setting is on and no document is linked; else the plain label. */
  label: ReturnType<typeof resolvedLabel>;
}

function wholeSeconds(ms: number): number {
  const s = Math.floor(ms / 1000);
  return s === 0 ? 0 : s; // no -0 on the wire
}

/** The clock of one incident: none (not required) for severities that owe no document. */
export function incidentPostmortemClock(
  incident: { severity: Severity; status: string; resolvedAt: EpochMs | null; postmortemLinkedAt: EpochMs | null },
  settings: PostmortemSettings,
  now: EpochMs,
): IncidentPostmortemClock {
  const required = settings.severities.includes(incident.severity);
  if (!required) {
    return {
      required,
      deadline: null,
      state: 'not_started',
      checkpointsDue: [],
      secondsLeft: null,
      overdue: false,
      linkedAt: incident.postmortemLinkedAt,
      label: resolvedLabel(incident, { resolvedWaitsForPostmortem: false }),
    };
  }
  // The clock runs from the recorded resolution, and only while the incident is resolved (reopened: it stops).
  const resolvedAt = incident.status === 'resolved' ? incident.resolvedAt : null;
  const clock = postmortemClock({ resolvedAt, postmortemLinkedAt: incident.postmortemLinkedAt }, settings, now);
  const until = incident.postmortemLinkedAt ?? now;
  return {
    ...clock,
    required,
    secondsLeft: clock.deadline === null ? null : wholeSeconds(clock.deadline - until),
    overdue: clock.state === 'breached',
    linkedAt: incident.postmortemLinkedAt,
    label: resolvedLabel(incident, settings),
  };
}

/**
 * The one checkpoint to send now: the latest one already passed, unless it has been sent. Earlier
 * passed checkpoints are never sent late (a backdated resolution hears only the latest news).
 */
export function duePostmortemCheckpoint(
  clock: PostmortemClock,
  sent: ReadonlySet<string>,
): PostmortemCheckpoint | null {
  const latest = clock.checkpointsDue.at(-1);
  if (!latest || sent.has(latest.id)) return null;
  return latest;
}
