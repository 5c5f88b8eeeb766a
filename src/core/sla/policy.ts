// The SLA policy: which incidents owe a customer summary, and by when. Pure; `now` is never read here.
import type { EpochMs, Severity } from '../types';

export interface SlaPolicy {
  /** Hours from incident start to the publication deadline. */
  hours: number;
  /** Severities that require a customer summary. */
  severities: Severity[];
}

export const DEFAULT_SLA_POLICY: SlaPolicy = { hours: 48, severities: ['SEV-1'] };

export function requiresSummary(severity: Severity, policy: SlaPolicy): boolean {
  return policy.severities.includes(severity);
}

export function slaDeadline(startedAt: EpochMs, policy: SlaPolicy): EpochMs {
  return startedAt + policy.hours * 3_600_000;
}
