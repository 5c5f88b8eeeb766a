// Domain events: what a public-facing write changed, as subscribers hear it. Pure: built from the
// records a write already holds, carrying only text a public page shows (titles, updates, links).
import type { SubscriberChannel } from './subscribers';
import { type EpochMs, type Incident, type IncidentUpdate, isIncidentPublic, type Maintenance } from './types';

export const DOMAIN_EVENT_TYPES = [
  'incident.created',
  'incident.updated',
  'incident.resolved',
  'incident.update_edited',
  'incident.update_retracted',
  'summary.published',
  'maintenance.scheduled',
  'maintenance.started',
  'maintenance.completed',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** The body every subscriber channel renders from. Field names are part of the webhook contract. */
export interface EventPayload {
  type: DomainEventType;
  /** ISO-8601 UTC. */
  occurredAt: string;
  /** The public page the event concerns. */
  url: string;
  title: string;
  /** The public status after the event (incident or maintenance status). */
  status: string;
  /** The words posted with the change (an incident update, a maintenance description), if any. */
  message: string | null;
  incidentId?: string;
  /** The timeline entry an `incident.update_edited` / `incident.update_retracted` concerns. */
  updateId?: string;
  maintenanceId?: string;
  /** Maintenance window, ISO-8601 UTC. */
  window?: { from: string; until: string };
  components: string[];
}

/** An event as a write hands it to the store, stored in the same atomic batch as the change. */
export interface DomainEvent {
  id: string;
  type: DomainEventType;
  subjectId: string;
  /** The component ids the event concerns (subscribers to their groups match too). */
  scope: string[];
  payload: EventPayload;
  occurredAt: EpochMs;
  /** The subscriber channels that receive it; absent: every channel. */
  channels?: readonly SubscriberChannel[];
}

const iso = (ms: EpochMs) => new Date(ms).toISOString();

/**
 * The event an incident write raises, or none: private incidents raise none, and neither does an
 * edit that changes nothing a subscriber is told (no new timeline entry).
 */
export function incidentEvent(
  id: string,
  before: Incident | null,
  after: Incident,
  update: IncidentUpdate | null,
  publicUrl: string,
): DomainEvent | null {
  if (!isIncidentPublic(after)) return null;
  let type: DomainEventType;
  if (!before || !isIncidentPublic(before)) type = 'incident.created';
  else if (after.status === 'resolved' && before.status !== 'resolved') type = 'incident.resolved';
  else if (update) type = 'incident.updated';
  else return null;
  const at = update?.createdAt ?? after.updatedAt;
  return {
    id,
    type,
    subjectId: after.id,
    scope: after.components.map((c) => c.id),
    occurredAt: at,
    payload: {
      type,
      occurredAt: iso(at),
      url: `${publicUrl}/incidents/${encodeURIComponent(after.id)}`,
      title: after.title,
      status: after.status,
      message: update?.body ?? null,
      incidentId: after.id,
      components: after.components.map((c) => c.id),
    },
  };
}

/**
 * The event of a correction to a posted update: `incident.update_edited` carries the corrected text,
 * `incident.update_retracted` none (the retracted words are never sent again). Webhooks receive both,
 * so machine consumers can correct their copy. People (email, Slack) hear only an edit of the latest
 * update, the one they last read; an edit of an older entry, or a retraction, sends them nothing:
 * a mail about words they may never have seen, or repeating words that were withdrawn, helps nobody.
 */
export function updateRevisionEvent(
  id: string,
  incident: Incident,
  update: IncidentUpdate,
  revision: { body: string | null; at: EpochMs; latest: boolean },
  publicUrl: string,
): DomainEvent | null {
  if (!isIncidentPublic(incident)) return null;
  const type: DomainEventType = revision.body === null ? 'incident.update_retracted' : 'incident.update_edited';
  return {
    id,
    type,
    subjectId: incident.id,
    scope: incident.components.map((c) => c.id),
    occurredAt: revision.at,
    channels: type === 'incident.update_edited' && revision.latest ? undefined : ['webhook'],
    payload: {
      type,
      occurredAt: iso(revision.at),
      url: `${publicUrl}/incidents/${encodeURIComponent(incident.id)}`,
      title: incident.title,
      status: update.status,
      message: revision.body,
      incidentId: incident.id,
      updateId: update.id,
      components: incident.components.map((c) => c.id),
    },
  };
}

export function summaryPublishedEvent(
  id: string,
  incident: Incident,
  at: EpochMs,
  publicUrl: string,
): DomainEvent | null {
  if (!isIncidentPublic(incident)) return null;
  const url = `${publicUrl}/incidents/${encodeURIComponent(incident.id)}`;
  return {
    id,
    type: 'summary.published',
    subjectId: incident.id,
    scope: incident.components.map((c) => c.id),
    occurredAt: at,
    payload: {
      type: 'summary.published',
      occurredAt: iso(at),
      url,
      title: incident.title,
      status: incident.status,
      message: `The customer summary of this incident is published: ${url}`,
      incidentId: incident.id,
      components: incident.components.map((c) => c.id),
    },
  };
}

function maintenanceEventOf(
  id: string,
  type: DomainEventType,
  m: Maintenance,
  at: EpochMs,
  publicUrl: string,
): DomainEvent {
  return {
    id,
    type,
    subjectId: m.id,
    scope: m.components,
    occurredAt: at,
    payload: {
      type,
      occurredAt: iso(at),
      url: `${publicUrl}/`,
      title: m.title,
      status: m.status,
      message: m.body,
      maintenanceId: m.id,
      window: { from: iso(m.scheduledFor), until: iso(m.scheduledUntil) },
      components: m.components,
    },
  };
}

/**
 * The event of a window the clock moved (see `maintenanceClockTransition`): `maintenance.started` at
 * its start, `maintenance.completed` at its end, with the status it moves to.
 */
export function maintenanceClockEvent(
  id: string,
  m: Maintenance,
  transition: 'started' | 'completed',
  publicUrl: string,
): DomainEvent {
  const started = transition === 'started';
  return maintenanceEventOf(
    id,
    started ? 'maintenance.started' : 'maintenance.completed',
    { ...m, status: started ? 'in_progress' : 'completed' },
    started ? m.scheduledFor : m.scheduledUntil,
    publicUrl,
  );
}

/** `maintenance.scheduled` when a window is planned; started/completed when its status moves there. */
export function maintenanceEvent(
  id: string,
  before: Maintenance | null,
  after: Maintenance,
  at: EpochMs,
  publicUrl: string,
): DomainEvent | null {
  let type: DomainEventType;
  if (!before) type = after.status === 'completed' ? 'maintenance.completed' : 'maintenance.scheduled';
  else if (after.status === before.status) return null;
  else if (after.status === 'in_progress') type = 'maintenance.started';
  else if (after.status === 'completed') type = 'maintenance.completed';
  else return null;
  if (before === null && after.status === 'in_progress') type = 'maintenance.started';
  return maintenanceEventOf(id, type, after, at, publicUrl);
}
