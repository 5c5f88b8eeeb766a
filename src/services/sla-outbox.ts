// Queuing SLA alerts: who hears about a checkpoint (channels) and the outbox rows that say it.
import { type AlertType, buildAlertPayload, type SlaAlertPayload } from '../core/sla/alert';
import { MET_CHECKPOINT, type SlaClock, slaClock } from '../core/sla/clock';
import type { SlaFallbackChannel, SlaSettings } from '../core/sla/policy';
import type { SlaChannel, SlaIncident } from '../core/sla/records';
import type { Actor, EpochMs, IncidentLead } from '../core/types';
import { newId } from '../lib/id';
import type { Deps } from './deps';
import type { QueuedAlert } from './sla-tick';

export const SLA_TICK_ACTOR: Actor = { tokenId: null, label: 'system:sla' };

export interface Route {
  channel: SlaChannel;
  target: string;
}

/**
 * The lead's own channels; the organisation's fallback only when the lead has none. With neither,
 * one `none` route: its alert is dead-lettered at once, visible, and retryable once a fallback exists.
 */
export function routesFor(lead: IncidentLead, fallback: SlaFallbackChannel | null): Route[] {
  const routes: Route[] = [];
  if (lead.webhookUrl)
    routes.push({ channel: lead.webhookKind === 'slack' ? 'slack' : 'webhook', target: lead.webhookUrl });
  if (lead.email) routes.push({ channel: 'email', target: lead.email });
  if (routes.length > 0) return routes;
  return [fallback ? { channel: fallback.channel, target: fallback.target } : { channel: 'none', target: '' }];
}

export const NO_ROUTE_ERROR = 'the incident lead has no webhook or email, and no fallback channel is configured';

type NewAlert = Parameters<Deps['store']['sla']['enqueue']>[0]['alerts'][number];

/** One outbox row per route for this checkpoint of this incident (either clock's), each with its own alertId. */
export function alertRows(
  deps: Deps,
  incident: Pick<SlaIncident, 'id' | 'title' | 'lead'>,
  clock: Pick<SlaClock, 'deadline' | 'secondsLeft'> & { state: SlaAlertPayload['state'] },
  checkpoint: { id: string; type: AlertType },
  settings: Pick<SlaSettings, 'fallback'>,
  now: EpochMs,
): NewAlert[] {
  if (clock.deadline === null || clock.secondsLeft === null) return [];
  const { deadline, secondsLeft } = clock;
  return routesFor(incident.lead, settings.fallback).map((r): NewAlert => {
    const alertId = newId('alr');
    const none = r.channel === 'none';
    return {
      id: alertId,
      incidentId: incident.id,
      checkpoint: checkpoint.id,
      type: checkpoint.type,
      channel: r.channel,
      target: r.target,
      payload: buildAlertPayload({
        alertId,
        type: checkpoint.type,
        checkpoint: checkpoint.id,
        incident: { id: incident.id, title: incident.title },
        deadline,
        secondsLeft,
        state: clock.state,
        publicUrl: deps.config.publicUrl,
      }),
      status: none ? 'dead' : 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      ...(none ? { lastError: NO_ROUTE_ERROR } : {}),
    };
  });
}

/**
 * Queues one checkpoint of one incident (either clock's): its outbox rows and an audit entry in one
 * write, and says which alerts went in (the UNIQUE dedupe key keeps a racing tick from adding more).
 */
export async function queueCheckpoint(
  deps: Deps,
  incident: Parameters<typeof alertRows>[1],
  clock: Parameters<typeof alertRows>[2],
  checkpoint: Parameters<typeof alertRows>[3],
  settings: Parameters<typeof alertRows>[4],
  at: EpochMs,
): Promise<QueuedAlert[]> {
  const alerts = alertRows(deps, incident, clock, checkpoint, settings, at);
  await deps.store.sla.enqueue({
    alerts,
    audit: [
      { actor: SLA_TICK_ACTOR, action: `sla.${checkpoint.id}`, targetType: 'incident', targetId: incident.id, at },
    ],
  });
  return alerts.map((a) => ({
    alertId: a.id,
    incidentId: a.incidentId,
    checkpoint: a.checkpoint,
    channel: a.channel,
    status: a.status === 'dead' ? 'dead' : 'pending',
  }));
}

/**
 * Publication ends the clock: cancel pending reminders and queue exactly one confirmation per route
 * (checkpoint `met`; the UNIQUE index keeps a second publication or a racing tick from adding another).
 */
export async function confirmPublication(
  deps: Deps,
  incident: SlaIncident,
  settings: SlaSettings,
  now: EpochMs,
): Promise<void> {
  const clock = slaClock(incident, settings, now);
  const audit = (action: string) => ({
    actor: SLA_TICK_ACTOR,
    action,
    targetType: 'incident',
    targetId: incident.id,
    at: now,
  });
  if (!clock.required || incident.publishedAt === null) {
    await deps.store.sla.cancelPending(incident.id, now, audit('sla.alerts.cancel'));
    return;
  }
  const alerts = alertRows(deps, incident, clock, { id: MET_CHECKPOINT, type: 'sla.met' }, settings, now);
  await deps.store.sla.enqueue({
    alerts,
    cancelPendingOf: { incidentId: incident.id, at: now },
    audit: [audit('sla.met')],
  });
}
