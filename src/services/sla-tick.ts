// The SLA tick: queue the checkpoints due at `now` into the outbox, settle stopped clocks, then
// deliver what is due. Runs every minute on Node, on the Workers cron, and as `sla tick --now`.
import { type DispatchOutcome, dispatchDue } from '../alerts/dispatch';
import { dueCheckpoint, slaClock } from '../core/sla/clock';
import type { EpochMs } from '../core/types';
import type { Deps } from './deps';
import { queuePostmortemAlerts } from './postmortem-deadline';
import { confirmPublication, queueCheckpoint, SLA_TICK_ACTOR } from './sla-outbox';
import { getSlaSettings } from './sla-settings';

/** An alert this tick inserted (in a rare race with another process, that process's row for it won instead). */
export interface QueuedAlert {
  alertId: string;
  incidentId: string;
  checkpoint: string;
  channel: string;
  status: 'pending' | 'dead';
}

export interface TickReport {
  now: EpochMs;
  queued: QueuedAlert[];
  /** Incidents whose clock stopped since the last tick (published, or no longer requiring a summary). */
  settled: string[];
  deliveries: DispatchOutcome[];
}

/**
 * Queues the SLA checkpoints due at `at` and settles stopped clocks (no delivery). Idempotent per
 * instant: running it twice (or in two processes) queues nothing twice (UNIQUE dedupe key).
 */
export async function queueSlaAlerts({
  deps,
  at,
}: {
  deps: Deps;
  at: EpochMs;
}): Promise<{ queued: QueuedAlert[]; settled: string[] }> {
  const settings = await getSlaSettings({ deps });
  const sla = deps.store.sla;

  const queued: QueuedAlert[] = [];
  const running = await sla.incidents({ severities: settings.severities, unpublishedOnly: true });
  const sent = await sla.checkpointsByIncident(running.map((i) => i.id));
  for (const incident of running) {
    const clock = slaClock(incident, settings, at);
    const checkpoint = dueCheckpoint(clock, sent.get(incident.id) ?? new Set());
    if (!checkpoint) continue;
    queued.push(...(await queueCheckpoint(deps, incident, clock, checkpoint, settings, at)));
  }

  const settled: string[] = [];
  const { withPending, unconfirmed } = await sla.incidentIdsNeedingReview();
  for (const incident of await sla.incidentsByIds([...new Set([...withPending, ...unconfirmed])])) {
    const clock = slaClock(incident, settings, at);
    if (clock.state === 'pending' || clock.state === 'due_soon' || clock.state === 'breached') continue;
    if (clock.state === 'not_required') {
      if (!withPending.has(incident.id)) continue;
      const audit = {
        actor: SLA_TICK_ACTOR,
        action: 'sla.alerts.cancel',
        targetType: 'incident',
        targetId: incident.id,
        at,
      };
      await sla.cancelPending(incident.id, at, audit);
    } else {
      await confirmPublication(deps, incident, settings, at);
    }
    settled.push(incident.id);
  }

  // The second clock: the internal postmortem's deadline (same outbox, same report).
  const postmortem = await queuePostmortemAlerts({ deps, at, settings });
  queued.push(...postmortem.queued);
  for (const id of postmortem.settled) if (!settled.includes(id)) settled.push(id);
  return { queued, settled };
}

/**
 * The SLA tick (`sla tick`): queue what is due, then deliver the SLA alerts that are due. Idempotent
 * per instant: it queues nothing twice (UNIQUE dedupe key) and sends nothing twice (claims).
 */
export async function tickSla({ deps, now }: { deps: Deps; now?: EpochMs }): Promise<TickReport> {
  const at = now ?? deps.clock();
  const { queued, settled } = await queueSlaAlerts({ deps, at });
  const settings = await getSlaSettings({ deps });
  const deliveries = await dispatchDue({
    deps,
    now: at,
    maxAttempts: settings.maxAttempts,
    fallback: settings.fallback,
    kind: 'sla',
  });
  return { now: at, queued, settled, deliveries };
}
