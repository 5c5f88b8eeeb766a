// The notify tick: queue the SLA checkpoints due, fan new domain events out to their subscribers,
// then deliver the outbox (SLA alerts and subscriber notifications alike). Node runs it on a timer,
// the Workers cron on schedule, and `notify tick [--now ISO]` by hand; all run this one function.
import { type DispatchOutcome, dispatchDue } from '../alerts/dispatch';
import type { EpochMs } from '../core/types';
import type { Deps } from './deps';
import { advanceMaintenances } from './maintenances';
import { getSlaSettings } from './sla-settings';
import { type QueuedAlert, queueSlaAlerts } from './sla-tick';

/** Subscriber notifications give up after this many attempts (SLA alerts follow the SLA settings). */
export const NOTIFY_MAX_ATTEMPTS = 8;

export interface NotifyTickReport {
  now: EpochMs;
  queued: QueuedAlert[];
  settled: string[];
  /** Maintenance windows this tick moved because their time came (each raised its event). */
  maintenance: { maintenanceId: string; type: string }[];
  /** Domain events turned into subscriber notifications by this tick. */
  fannedOut: { eventId: string; type: string }[];
  deliveries: DispatchOutcome[];
  /** True when the budget ran out with work left (the next tick continues). */
  more: boolean;
}

export interface NotifyTickOptions {
  deps: Deps;
  now?: EpochMs;
  /**
   * Wall-clock budget in ms: no new event or delivery starts after it (a Worker's cron invocation
   * drains the outbox in slices that fit its limits). Default: until the outbox is drained.
   */
  budgetMs?: number;
  /** Rows claimed per dispatch round. */
  batch?: number;
}

/** Fans out pending events (oldest first) within the budget; returns those done. */
export async function fanOutEvents(
  deps: Deps,
  at: EpochMs,
  within: () => boolean,
): Promise<{ eventId: string; type: string }[]> {
  const done: { eventId: string; type: string }[] = [];
  while (within()) {
    const events = await deps.store.notifications.pendingEvents(20);
    if (events.length === 0) break;
    for (const e of events) {
      if (!within()) break;
      await deps.store.notifications.fanOut(e, at);
      done.push({ eventId: e.id, type: e.type });
    }
  }
  return done;
}

export async function tickNotify({ deps, now, budgetMs, batch = 200 }: NotifyTickOptions): Promise<NotifyTickReport> {
  const at = now ?? deps.clock();
  const started = deps.clock();
  const within = () => budgetMs === undefined || deps.clock() - started < budgetMs;
  const { queued, settled } = await queueSlaAlerts({ deps, at });
  const maintenance = await advanceMaintenances({ deps, at });
  const fannedOut = await fanOutEvents(deps, at, within);
  const settings = await getSlaSettings({ deps });
  const deliveries: DispatchOutcome[] = [];
  let more = false;
  for (;;) {
    if (!within()) {
      more = true;
      break;
    }
    // Each round re-reads what is due at the tick's instant moved on by the time spent so far.
    const round = await dispatchDue({
      deps,
      now: at + (deps.clock() - started),
      maxAttempts: settings.maxAttempts,
      subscriberMaxAttempts: NOTIFY_MAX_ATTEMPTS,
      fallback: settings.fallback,
      limit: batch,
      budgetMs: budgetMs === undefined ? undefined : Math.max(0, budgetMs - (deps.clock() - started)),
    });
    deliveries.push(...round);
    if (round.length < batch) break;
  }
  return { now: at, queued, settled, maintenance, fannedOut, deliveries, more };
}

/**
 * How far behind the outbox is: the oldest undelivered work (a pending notification or an event not
 * yet fanned out) and its age at `now`. For health checks (`/healthz`); null when drained.
 */
export async function outboxBacklog({
  deps,
}: {
  deps: Deps;
}): Promise<{ oldestPendingAt: EpochMs; ageSeconds: number } | null> {
  const oldest = await deps.store.notifications.oldestPendingAt();
  if (oldest === null) return null;
  return { oldestPendingAt: oldest, ageSeconds: Math.max(0, Math.floor((deps.clock() - oldest) / 1000)) };
}
