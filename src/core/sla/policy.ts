// The SLA policy: which incidents owe a customer summary, and by when. Pure; `now` is never read here.
import type { EpochMs, Severity } from '../types';
import { DEFAULT_POSTMORTEM_SETTINGS, type PostmortemSettings } from './postmortem-clock';

export interface SlaPolicy {
  /** Hours from incident start to the publication deadline. */
  hours: number;
  /** Severities that require a customer summary. */
  severities: Severity[];
}

export const DEFAULT_SLA_POLICY: SlaPolicy = { hours: 48, severities: ['SEV-1'] };

/** Where alerts go when the incident lead has neither a webhook nor an email address. */
export interface SlaFallbackChannel {
  channel: 'webhook' | 'slack' | 'email';
  /** The webhook URL or the email address. */
  target: string;
}

/** The whole SLA configuration: the policy plus when to remind the lead and how hard to try. */
export interface SlaSettings extends SlaPolicy {
  /** Reminders this many hours before the deadline (largest first after normalisation). */
  checkpointHours: number[];
  /** After the deadline, one more reminder every this many hours until the summary is published. */
  overdueEveryHours: number;
  /** Delivery attempts per alert before it is dead-lettered. */
  maxAttempts: number;
  /** The organisation's channel for incidents whose lead has no contact; null: none. */
  fallback: SlaFallbackChannel | null;
  /** The second clock: the internal postmortem, due N business days after resolution. */
  postmortem: PostmortemSettings;
}

export const DEFAULT_SLA_SETTINGS: SlaSettings = {
  ...DEFAULT_SLA_POLICY,
  checkpointHours: [24, 6, 1],
  overdueEveryHours: 24,
  maxAttempts: 8,
  fallback: null,
  postmortem: DEFAULT_POSTMORTEM_SETTINGS,
};

export function requiresSummary(severity: Severity, policy: SlaPolicy): boolean {
  return policy.severities.includes(severity);
}

export function slaDeadline(startedAt: EpochMs, policy: SlaPolicy): EpochMs {
  return startedAt + policy.hours * 3_600_000;
}
