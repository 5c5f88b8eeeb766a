// The outbox dispatcher: claims due alerts, delivers each, then records the outcome (at-least-once, same id).
import type { SlaFallbackChannel } from '../core/sla/policy';
import type { SlaAlertRecord } from '../core/sla/records';
import type { Actor, EpochMs } from '../core/types';
import type { Deps } from '../services/deps';
import { type Deliverable, DeliveryError, deliverAlert } from './deliver';
import { defaultAlertPorts } from './ports';

/** How long a claimed alert is reserved for its claimer; after that a crashed attempt is retried. */
export const CLAIM_LEASE_MS = 2 * 60_000;
/** Alerts delivered at once by one tick. */
const PARALLEL = 4;

export const SLA_SYSTEM_ACTOR: Actor = { tokenId: null, label: 'system:sla' };

/** Exponential backoff after the n-th failed attempt: 30 s, 1 min, 2 min ... capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DispatchOutcome {
  alertId: string;
  incidentId: string;
  checkpoint: string;
  channel: string;
  attempt: number;
  outcome: 'delivered' | 'retry' | 'dead';
  error?: string;
  nextAttemptAt?: EpochMs;
}

function route(alert: SlaAlertRecord, fallback: SlaFallbackChannel | null): Deliverable {
  if (alert.channel !== 'none') return { channel: alert.channel, target: alert.target, payload: alert.payload };
  // Queued when the lead had no contact and no fallback existed: a retry uses the fallback set since.
  if (!fallback) {
    throw new DeliveryError('the incident lead has no webhook or email, and no fallback channel is configured');
  }
  return { channel: fallback.channel, target: fallback.target, payload: alert.payload };
}

/**
 * Delivers every pending alert due at `now` once. Order of effects per alert: claim (so a concurrent
 * tick skips it), send, record. A crash after sending and before recording leaves the claim to expire,
 * and the alert is sent again with the same alertId: receivers deduplicate on it.
 */
export async function dispatchDue({
  deps,
  now,
  maxAttempts,
  fallback,
  limit = 200,
}: {
  deps: Deps;
  now: EpochMs;
  maxAttempts: number;
  fallback: SlaFallbackChannel | null;
  limit?: number;
}): Promise<DispatchOutcome[]> {
  const ports = deps.alerts ?? defaultAlertPorts();
  const ids = await deps.store.sla.dueIds(now, limit);
  const outcomes: DispatchOutcome[] = [];

  async function dispatchOne(id: string) {
    const alert = await deps.store.sla.claim(id, now, now + CLAIM_LEASE_MS);
    if (!alert) return; // another tick has it, or it was delivered or cancelled meanwhile
    const base = {
      alertId: alert.id,
      incidentId: alert.incidentId,
      checkpoint: alert.checkpoint,
      channel: alert.channel,
    };
    try {
      await deliverAlert(ports, route(alert, fallback), deps.clock());
    } catch (err) {
      const error = (err instanceof DeliveryError ? err.message : `unexpected error: ${String(err)}`).slice(0, 500);
      const dead = alert.attempts >= maxAttempts;
      const retryAt = dead ? null : now + backoffMs(alert.attempts);
      await deps.store.sla.markFailed(alert.id, now, error, retryAt, {
        actor: SLA_SYSTEM_ACTOR,
        action: 'sla.alert.dead',
        targetType: 'sla_alert',
        targetId: alert.id,
        at: now,
      });
      outcomes.push({
        ...base,
        attempt: alert.attempts,
        outcome: dead ? 'dead' : 'retry',
        error,
        ...(retryAt === null ? {} : { nextAttemptAt: retryAt }),
      });
      return;
    }
    await deps.store.sla.markDelivered(alert.id, now);
    outcomes.push({ ...base, attempt: alert.attempts, outcome: 'delivered' });
  }

  const queue = [...ids];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await dispatchOne(id);
    }),
  );
  return outcomes;
}
