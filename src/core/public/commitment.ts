// Whether a published customer summary met the organisation's publication commitment (48 h by default).
import { requiresSummary, type SlaPolicy, slaDeadline } from '../sla/policy';
import type { PublicIncident, SummaryCommitment } from './snapshot';

export function summaryCommitment(
  incident: Pick<PublicIncident, 'severity' | 'startedAt' | 'summary'>,
  policy: SlaPolicy,
): SummaryCommitment {
  if (!requiresSummary(incident.severity, policy)) return { deadline: null, met: null };
  const deadline = slaDeadline(incident.startedAt, policy);
  if (!incident.summary) return { deadline, met: null };
  // A corrected version published later does not undo a first publication that was in time.
  return { deadline, met: incident.summary.firstPublishedAt <= deadline };
}
