// Reading SLA clocks (every incident that owes a summary, or one incident) and re-queuing dead alerts.
import { DomainError, notFound } from '../core/errors';
import { type SlaClock, type SlaState, slaClock } from '../core/sla/clock';
import type { SlaAlertRecord, SlaIncident } from '../core/sla/records';
import type { Actor } from '../core/types';
import type { Deps } from './deps';
import { getSlaSettings } from './sla-settings';

export interface SlaClockView {
  incident: SlaIncident;
  clock: SlaClock;
  alerts: SlaAlertRecord[];
}

export async function getIncidentSla({ deps, incidentId }: { deps: Deps; incidentId: string }): Promise<SlaClockView> {
  const incident = await deps.store.sla.incident(incidentId);
  if (!incident) throw notFound('incident', incidentId);
  const settings = await getSlaSettings({ deps });
  const alerts = (await deps.store.sla.alertsByIncident([incidentId])).get(incidentId) ?? [];
  return { incident, clock: slaClock(incident, settings, deps.clock()), alerts };
}

/** Every incident whose severity owes a summary under the current settings, soonest deadline first among running clocks. */
export async function listSlaClocks({
  deps,
  states,
  limit,
  now = deps.clock(),
}: {
  deps: Deps;
  states?: SlaState[];
  limit: number;
  /** The instant to read the clocks at (the CLI's --now); default: the clock. */
  now?: number;
}): Promise<SlaClockView[]> {
  const settings = await getSlaSettings({ deps });
  const incidents = await deps.store.sla.incidents({ severities: settings.severities });
  const views = incidents
    .map((incident) => ({ incident, clock: slaClock(incident, settings, now) }))
    .filter((v) => !states?.length || states.includes(v.clock.state));
  const running = (v: (typeof views)[number]) => v.incident.publishedAt === null;
  views.sort((a, b) => {
    if (running(a) !== running(b)) return running(a) ? -1 : 1;
    const d = (a.clock.deadline ?? 0) - (b.clock.deadline ?? 0);
    return running(a) ? d : -d; // running: soonest first; finished: most recent first
  });
  const page = views.slice(0, limit);
  const alerts = await deps.store.sla.alertsByIncident(page.map((v) => v.incident.id));
  return page.map((v) => ({ ...v, alerts: alerts.get(v.incident.id) ?? [] }));
}

/** Sends a dead-lettered alert again: same alertId, a fresh set of attempts, due at once. */
export async function retrySlaAlert({
  deps,
  alertId,
  actor,
}: {
  deps: Deps;
  alertId: string;
  actor: Actor;
}): Promise<SlaAlertRecord> {
  const alert = await deps.store.sla.alert(alertId);
  if (!alert) throw notFound('SLA alert', alertId);
  if (alert.status !== 'dead') {
    throw new DomainError('conflict', `Only a dead-lettered alert can be retried; this one is ${alert.status}.`, {
      alertStatus: alert.status,
    });
  }
  const now = deps.clock();
  await deps.store.notifications.requeueDead(alertId, now, {
    actor,
    action: 'sla.alert.retry',
    targetType: 'sla_alert',
    targetId: alertId,
    at: now,
  });
  return (await deps.store.sla.alert(alertId)) ?? alert;
}
