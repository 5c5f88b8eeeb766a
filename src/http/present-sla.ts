// How SLA clocks and their alerts look on the /api/v1 wire (and in the CLI's --json output).
import { safeOrigin } from '../alerts/deliver';
import type { SlaAlertRecord } from '../core/sla/records';
import type { SlaClockView } from '../services/sla-status';
import { iso } from './present';

/** Webhook URLs are shown by origin only: their paths are often credentials (Slack's are). */
function presentTarget(a: SlaAlertRecord): string {
  return a.channel === 'email' ? a.target : a.channel === 'none' ? '' : safeOrigin(a.target);
}

export function presentSlaAlert(a: SlaAlertRecord) {
  return {
    alertId: a.id,
    incidentId: a.incidentId,
    checkpoint: a.checkpoint,
    type: a.type,
    channel: a.channel,
    target: presentTarget(a),
    status: a.status,
    attempts: a.attempts,
    nextAttemptAt: a.status === 'pending' ? iso(a.nextAttemptAt) : null,
    lastError: a.lastError,
    createdAt: iso(a.createdAt),
    deliveredAt: iso(a.deliveredAt),
  };
}

export function presentSlaClock(v: SlaClockView) {
  const count = (status: SlaAlertRecord['status']) => v.alerts.filter((a) => a.status === status).length;
  return {
    incidentId: v.incident.id,
    incidentTitle: v.incident.title,
    severity: v.incident.severity,
    startedAt: iso(v.incident.startedAt),
    required: v.clock.required,
    deadline: iso(v.clock.deadline),
    state: v.clock.state,
    secondsLeft: v.clock.secondsLeft,
    publishedAt: iso(v.incident.publishedAt),
    alertsSent: count('delivered'),
    alertsPending: count('pending'),
    alertsDead: count('dead'),
    alerts: v.alerts.map(presentSlaAlert),
  };
}
