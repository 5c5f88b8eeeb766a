// What an SLA alert says: its JSON payload (the same on every channel) and its human wording.
import type { EpochMs } from '../types';
import type { SlaAlertType, SlaState } from './clock';
import type { PostmortemAlertType, PostmortemState } from './postmortem-clock';

/**
 * Every kind of alert the outbox carries: the SLA clock's, and `summary.stale` (a published summary
 * no longer matches the incident's recorded times; its SLA fields describe the clock as it stands).
 */
export type AlertType = SlaAlertType | 'summary.stale' | PostmortemAlertType;

export function isPostmortemAlert(type: AlertType): type is PostmortemAlertType {
  return type.startsWith('postmortem.');
}

/** What a `summary.stale` alert adds: the published version and the findings it has gained. */
export interface StaleSummaryFacts {
  version: number;
  findings: { rule: string; message: string; text: string }[];
}

/** The alert body as receivers see it. Field names and meanings are part of the public contract. */
export interface SlaAlertPayload {
  /** Stable across retries and resends: receivers deduplicate on it. */
  alertId: string;
  type: AlertType;
  checkpoint: string;
  incidentId: string;
  incidentTitle: string;
  /** ISO-8601 UTC. */
  deadline: string;
  /** Seconds to the deadline when the alert was raised (negative when past; for sla.met, at publication). */
  secondsLeft: number;
  /** The summary clock's state; for `postmortem.*` alerts, the postmortem clock's. */
  state: SlaState | PostmortemState;
  links: { incident: string; summaryDraft: string };
  /** `summary.stale` only. */
  stale?: StaleSummaryFacts;
}

export interface AlertFacts {
  alertId: string;
  type: AlertType;
  checkpoint: string;
  incident: { id: string; title: string };
  deadline: EpochMs;
  secondsLeft: number;
  state: SlaState | PostmortemState;
  publicUrl: string;
  stale?: StaleSummaryFacts;
}

export function buildAlertPayload(f: AlertFacts): SlaAlertPayload {
  const id = encodeURIComponent(f.incident.id);
  return {
    alertId: f.alertId,
    type: f.type,
    checkpoint: f.checkpoint,
    incidentId: f.incident.id,
    incidentTitle: f.incident.title,
    deadline: new Date(f.deadline).toISOString(),
    secondsLeft: f.secondsLeft,
    state: f.state,
    links: {
      incident: `${f.publicUrl}/incidents/${id}`,
      // The console's summary editor: a link a person can open (sign-in first, then straight back here).
      summaryDraft: `${f.publicUrl}/admin/incidents/${id}/summary`,
    },
    ...(f.stale ? { stale: f.stale } : {}),
  };
}

/** "2 d 3 h", "6 h", "45 min": a duration for people. */
export function humanDuration(seconds: number): string {
  const s = Math.abs(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** One line that says what happened, for email subjects, Slack text and logs. */
export function alertHeadline(p: SlaAlertPayload): string {
  const title = `"${p.incidentTitle}"`;
  switch (p.type) {
    case 'sla.checkpoint':
      return `Customer summary for ${title} is due in ${humanDuration(p.secondsLeft)}`;
    case 'sla.breached':
      return `Customer summary for ${title} missed its deadline`;
    case 'sla.overdue':
      return `Customer summary for ${title} is ${humanDuration(p.secondsLeft)} overdue`;
    case 'sla.met':
      return p.state === 'met'
        ? `Customer summary for ${title} published on time`
        : `Customer summary for ${title} published ${humanDuration(p.secondsLeft)} late`;
    case 'summary.stale':
      return `Published summary for ${title} no longer matches the incident's recorded times`;
    case 'postmortem.checkpoint':
      return `Internal postmortem for ${title} is due in ${humanDuration(p.secondsLeft)}`;
    case 'postmortem.breached':
      return `Internal postmortem for ${title} missed its deadline`;
    case 'postmortem.overdue':
      return `Internal postmortem for ${title} is ${humanDuration(p.secondsLeft)} overdue`;
    default: {
      const unhandled: never = p.type;
      return String(unhandled);
    }
  }
}

/** A plain-text body: the headline, the facts, what to do, and the alert id for deduplication. */
export function alertText(p: SlaAlertPayload): string {
  const todo =
    p.type === 'sla.met'
      ? 'No further reminders will be sent for this incident.'
      : p.type === 'summary.stale'
        ? [
            `Version ${p.stale?.version ?? '?'} says:`,
            ...(p.stale?.findings ?? []).map((f) => `- ${f.message}`),
            `Correct the summary (or the incident's times) and publish again: ${p.links.summaryDraft}`,
          ].join('\n')
        : isPostmortemAlert(p.type)
          ? `Write the internal postmortem and record its link (npx afterword postmortem publish, or PUT /api/v1/incidents/${p.incidentId}/postmortem).`
          : `Write and publish the customer summary: ${p.links.summaryDraft}`;
  return [
    `${alertHeadline(p)}.`,
    '',
    `Incident: ${p.incidentTitle} (${p.incidentId})`,
    `Deadline: ${p.deadline}`,
    `State: ${p.state}`,
    '',
    todo,
    `Incident page: ${p.links.incident}`,
    '',
    `Alert ${p.alertId} (checkpoint ${p.checkpoint}); a resend carries the same id.`,
  ].join('\n');
}
