// The SLA alert outbox row and the incident facts the SLA clock needs, as the domain knows them
// (the store maps its rows to these; services, the HTTP edge and the CLI read them).
import type { EpochMs, IncidentLead, Severity } from '../types';
import type { SlaAlertPayload } from './alert';

export type SlaAlertStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';
export type SlaChannel = 'webhook' | 'slack' | 'email' | 'none';

export interface SlaAlertRecord {
  id: string;
  incidentId: string;
  checkpoint: string;
  type: string;
  channel: SlaChannel;
  target: string;
  payload: SlaAlertPayload;
  status: SlaAlertStatus;
  attempts: number;
  nextAttemptAt: EpochMs;
  lastError: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  deliveredAt: EpochMs | null;
}

/** An incident as the SLA clock sees it. */
export interface SlaIncident {
  id: string;
  title: string;
  severity: Severity;
  startedAt: EpochMs;
  lead: IncidentLead;
  /** The first publication of its customer summary: that instant stops the clock. */
  publishedAt: EpochMs | null;
}

/** An incident as the postmortem clock sees it (internal: the link never leaves the team's API). */
export interface PostmortemIncident {
  id: string;
  title: string;
  severity: Severity;
  status: string;
  resolvedAt: EpochMs | null;
  lead: IncidentLead;
  /** When the internal postmortem's link was first recorded: that instant stops the clock. */
  postmortemLinkedAt: EpochMs | null;
}

/** The recorded link of an incident's internal postmortem. */
export interface PostmortemLink {
  incidentId: string;
  url: string;
  linkedAt: EpochMs;
  updatedAt: EpochMs;
  linkedBy: string;
  linkedByTokenId: string | null;
}
