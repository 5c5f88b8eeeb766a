// The outbox dispatcher, one for every notification kind: claims due rows, resolves each one's route
// for this attempt, renders it for its channel, delivers, then records the outcome (at-least-once,
// the same id on every attempt).
import type { SlaFallbackChannel } from '../core/sla/policy';
import type { Actor, EpochMs } from '../core/types';
import type { NotificationKind, NotificationRecord } from '../db/store/notifications';
import type { Deps } from '../services/deps';
import { subscriberLinks, webhookChallenge } from '../services/subscription-links';
import { type ChannelName, channels, type Renderable } from './channels';
import { DeliveryError, deliver } from './deliver';
import { defaultAlertPorts } from './ports';

/**
 * How long a claimed notification is reserved for its claimer, counted from the claim itself; after
 * that a crashed attempt is retried. Far longer than one attempt can take (webhooks time out at 10 s).
 */
export const CLAIM_LEASE_MS = 2 * 60_000;
/** Notifications delivered at once by one tick. */
const PARALLEL = 8;

export const SLA_SYSTEM_ACTOR: Actor = { tokenId: null, label: 'system:sla' };
export const NOTIFY_SYSTEM_ACTOR: Actor = { tokenId: null, label: 'system:notify' };

/** Exponential backoff after the n-th failed attempt: 30 s, 1 min, 2 min ... capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DispatchOutcome {
  /** The notification id (for SLA alerts, the alertId receivers deduplicate on). */
  alertId: string;
  kind: NotificationKind;
  incidentId: string | null;
  checkpoint: string | null;
  channel: string;
  attempt: number;
  outcome: 'delivered' | 'retry' | 'dead' | 'cancelled';
  error?: string;
  nextAttemptAt?: EpochMs;
}

type Route = { channel: ChannelName; target: string } | { cancel: string };

const NO_ROUTE = 'the incident lead has no webhook or email, and no fallback channel is configured';

/**
 * Where an SLA alert goes on this attempt: the lead's *current* contact of the same kind (a corrected
 * webhook takes effect at once), else the organisation's current fallback when the lead has none.
 */
async function slaRoute(deps: Deps, n: NotificationRecord, fallback: SlaFallbackChannel | null): Promise<Route> {
  const incident = n.incidentId ? await deps.store.sla.incident(n.incidentId) : null;
  const lead = incident?.lead;
  const hasOwn = Boolean(lead?.webhookUrl || lead?.email);
  if (n.channel === 'email' && lead?.email) return { channel: 'email', target: lead.email };
  if ((n.channel === 'webhook' || n.channel === 'slack') && lead?.webhookUrl) {
    return { channel: lead.webhookKind === 'slack' ? 'slack' : 'webhook', target: lead.webhookUrl };
  }
  if (!hasOwn && fallback) return { channel: fallback.channel, target: fallback.target };
  if (!hasOwn) throw new DeliveryError(NO_ROUTE);
  throw new DeliveryError(`the incident lead no longer has a ${n.channel === 'email' ? 'email address' : 'webhook'}`);
}

/** A subscriber notification goes to the subscriber as it is now; gone or unconfirmed means never. */
async function subscriberRoute(deps: Deps, n: NotificationRecord): Promise<Route> {
  const s = n.subscriberId ? await deps.store.subscribers.get(n.subscriberId) : null;
  if (!s) return { cancel: 'the subscriber unsubscribed' };
  const toConfirm = n.type === 'subscription.confirm' || n.type === 'subscription.challenge';
  if (toConfirm && s.status === 'confirmed') return { cancel: 'the subscription is already confirmed' };
  if (!toConfirm && s.status !== 'confirmed') return { cancel: 'the subscription is not confirmed' };
  return { channel: s.channel, target: s.address };
}

/**
 * Delivers every pending notification due at `now` once. Order of effects per row: claim (so a
 * concurrent tick skips it), resolve its route, send, record. A crash after sending and before
 * recording leaves the claim to expire, and the row is sent again with the same id: receivers
 * deduplicate on it.
 */
export async function dispatchDue({
  deps,
  now,
  maxAttempts,
  fallback,
  limit = 200,
  kind,
  subscriberMaxAttempts = maxAttempts,
  budgetMs,
  ids: only,
}: {
  deps: Deps;
  now: EpochMs;
  /** Attempts before an SLA alert is dead-lettered. */
  maxAttempts: number;
  /** Attempts before a subscriber notification is dead-lettered. */
  subscriberMaxAttempts?: number;
  /** No new attempt starts after this many ms of wall time (a Worker's slice). */
  budgetMs?: number;
  /** These rows (a queue message's batch) instead of every due one; each is still claimed only when due. */
  ids?: string[];
  fallback: SlaFallbackChannel | null;
  limit?: number;
  /** Only this kind (the `sla tick` delivers SLA alerts only); default every kind. */
  kind?: NotificationKind;
}): Promise<DispatchOutcome[]> {
  const ports = deps.alerts ?? defaultAlertPorts();
  const ids = only ?? (await deps.store.notifications.dueIds(now, limit, kind));
  const outcomes: DispatchOutcome[] = [];
  const startedAt = deps.clock();
  /** `now` moved on by the time this tick has been running: leases count from the claim. */
  const instant = () => now + Math.max(0, deps.clock() - startedAt);

  async function dispatchOne(id: string) {
    const claimedAt = instant();
    const n = await deps.store.notifications.claim(id, claimedAt, claimedAt + CLAIM_LEASE_MS);
    if (!n) return; // another tick has it, or it was delivered, cancelled or erased meanwhile
    const base = {
      alertId: n.id,
      kind: n.kind,
      incidentId: n.incidentId,
      checkpoint: n.checkpoint,
      channel: n.channel,
      attempt: n.attempts,
    };
    let challengeFor: string | null = null;
    try {
      const route = n.kind === 'sla' ? await slaRoute(deps, n, fallback) : await subscriberRoute(deps, n);
      if ('cancel' in route) {
        await deps.store.notifications.cancel(n.id, instant(), route.cancel);
        outcomes.push({ ...base, outcome: 'cancelled', error: route.cancel });
        return;
      }
      const renderable: Renderable = {
        id: n.id,
        kind: n.kind,
        type: n.type,
        payload: n.payload,
        target: route.target,
        links: n.subscriberId ? await subscriberLinks(deps, n.subscriberId, n.createdAt) : null,
      };
      if (n.type === 'subscription.challenge' && n.subscriberId) {
        renderable.challenge = await webhookChallenge(deps, n.subscriberId);
        challengeFor = n.subscriberId;
      }
      await deliver(
        ports,
        {
          id: n.id,
          type: n.type,
          channel: route.channel,
          target: route.target,
          ...(renderable.challenge ? { expectAnswer: renderable.challenge } : {}),
        },
        channels[route.channel].render(renderable),
        deps.clock(),
      );
    } catch (err) {
      const error = (err instanceof DeliveryError ? err.message : 'unexpected error while sending').slice(0, 500);
      if (!(err instanceof DeliveryError)) console.error(`[afterword] notification ${n.id}:`, err);
      const dead = n.attempts >= (n.kind === 'sla' ? maxAttempts : subscriberMaxAttempts);
      const at = instant();
      const retryAt = dead ? null : at + backoffMs(n.attempts);
      await deps.store.notifications.markFailed(n.id, n.attempts, at, error, retryAt, {
        actor: n.kind === 'sla' ? SLA_SYSTEM_ACTOR : NOTIFY_SYSTEM_ACTOR,
        action: n.kind === 'sla' ? 'sla.alert.dead' : 'notification.dead',
        targetType: n.kind === 'sla' ? 'sla_alert' : 'notification',
        targetId: n.id,
        at,
      });
      outcomes.push({
        ...base,
        outcome: dead ? 'dead' : 'retry',
        error,
        ...(retryAt === null ? {} : { nextAttemptAt: retryAt }),
      });
      return;
    }
    const at = instant();
    await deps.store.notifications.markDelivered(n.id, n.attempts, at);
    if (challengeFor) {
      await deps.store.subscribers.confirm(challengeFor, at, {
        actor: NOTIFY_SYSTEM_ACTOR,
        action: 'subscriber.confirm',
        targetType: 'subscriber',
        targetId: challengeFor,
        at,
      });
    }
    outcomes.push({ ...base, outcome: 'delivered' });
  }

  const queue = [...ids];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (budgetMs !== undefined && deps.clock() - startedAt >= budgetMs) return;
        await dispatchOne(id);
      }
    }),
  );
  return outcomes;
}
