// Visitors following the page: sign up (email double opt-in, webhook challenge, Slack confirmation
// link), confirm, manage, unsubscribe; and the admin verbs (list, export, erase, counts).
import { DomainError, invalid, notFound } from '../core/errors';
import type { Subscriber, SubscriberChannel, SubscriptionMessage } from '../core/subscribers';
import { TARGET_PROBLEM_TEXT, targetProblem } from '../core/targets';
import type { Actor } from '../core/types';
import { sha256Hex } from '../lib/crypto';
import { newId } from '../lib/id';
import type { Deps } from './deps';
import { verifyLinkToken } from './subscription-links';

export const VISITOR: Actor = { tokenId: null, label: 'visitor' };

/** Sign-ups per client address per hour, and confirmation mails per address per hour. */
export const SIGNUPS_PER_CLIENT_PER_HOUR = 10;
export const MAILS_PER_ADDRESS_PER_HOUR = 3;
const HOUR = 3_600_000;

export interface SubscribeInput {
  channel: SubscriberChannel;
  address: string;
  /** Component and group ids; empty: everything. */
  components: string[];
  maintenance: boolean;
}

export function normaliseAddress(channel: SubscriberChannel, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.trim();
}

function requireSecret(deps: Deps): string {
  if (!deps.config.linkSecret) {
    throw new DomainError(
      'service_unavailable',
      'Subscriptions are not configured on this page (AFTERWORD_LINK_SECRET or AFTERWORD_WEBHOOK_SECRET).',
    );
  }
  return deps.config.linkSecret;
}

/** The component and group ids a visitor may follow. */
async function followable(deps: Deps): Promise<Set<string>> {
  const [components, groups] = await Promise.all([deps.store.components.list(), deps.store.components.listGroups()]);
  return new Set([...components.map((c) => c.id), ...groups.map((g) => g.id)]);
}

function message(type: string, dedupeKey: string, deps: Deps, pageName: string): SubscriptionMessage {
  return { id: newId('ntf'), dedupeKey, type, payload: { pageName, publicUrl: deps.config.publicUrl } };
}

/**
 * Signs a visitor up. The answer is the same whether the address was new, pending or confirmed (no
 * enumeration): a new or pending one gets a confirmation request, a confirmed email a "you already
 * follow this page" mail with its manage link. Nothing else is sent before confirmation.
 */
export async function subscribe({
  deps,
  input,
  client,
  pageName,
}: {
  deps: Deps;
  input: SubscribeInput;
  /** The client's address (rate limit key; stored only as a hash, and only in the counter). */
  client: string;
  pageName: string;
}): Promise<void> {
  const secret = requireSecret(deps);
  const now = deps.clock();
  const window = now - (now % HOUR);
  const clientKey = `client:${await sha256Hex(`${secret}:${client}`)}`;
  if ((await deps.store.subscribers.hit(clientKey, window)) > SIGNUPS_PER_CLIENT_PER_HOUR) {
    throw new DomainError('rate_limited', 'Too many sign-ups from this address; try again in an hour.', {
      retryAfterSeconds: Math.ceil((window + HOUR - now) / 1000),
    });
  }
  const address = normaliseAddress(input.channel, input.address);
  if (input.channel !== 'email') {
    const problem = targetProblem(address, deps.config.allowPrivateTargets === true);
    if (problem) throw invalid([{ path: 'address', message: TARGET_PROBLEM_TEXT[problem] }]);
  }
  const known = await followable(deps);
  const targets = [...new Set(input.components)];
  const unknown = targets.findIndex((t) => !known.has(t));
  if (unknown >= 0)
    throw invalid([{ path: `components.${unknown}`, message: 'is not a component or group of this page' }]);

  // Per address: beyond the limit the answer stays the same, but nothing is sent.
  const addressKey = `address:${await sha256Hex(`${secret}:${input.channel}:${address}`)}`;
  if ((await deps.store.subscribers.hit(addressKey, window)) > MAILS_PER_ADDRESS_PER_HOUR) return;

  const confirmType = input.channel === 'webhook' ? 'subscription.challenge' : 'subscription.confirm';
  const existing = await deps.store.subscribers.byAddress(input.channel, address);
  if (!existing) {
    const s: Subscriber = {
      id: newId('sub'),
      channel: input.channel,
      address,
      status: 'pending',
      everything: targets.length === 0,
      maintenance: input.maintenance,
      targets,
      createdAt: now,
      updatedAt: now,
      confirmedAt: null,
    };
    await deps.store.subscribers.create(s, message(confirmType, `confirm:${s.id}:${now}`, deps, pageName), {
      actor: VISITOR,
      action: 'subscriber.create',
      targetType: 'subscriber',
      targetId: s.id,
      at: now,
    });
    return;
  }
  if (existing.status === 'pending') {
    // Preferences of a pending subscription follow the latest request; it is not confirmed yet.
    await deps.store.subscribers.setPreferences(
      existing.id,
      { everything: targets.length === 0, maintenance: input.maintenance, targets },
      now,
      { actor: VISITOR, action: 'subscriber.update', targetType: 'subscriber', targetId: existing.id, at: now },
    );
    await deps.store.subscribers.queueMessage(
      existing,
      message(confirmType, `confirm:${existing.id}:${now}`, deps, pageName),
      now,
    );
    return;
  }
  // Confirmed: what it follows changes only through its manage link.
  if (existing.channel === 'email') {
    await deps.store.subscribers.queueMessage(
      existing,
      message('subscription.exists', `exists:${existing.id}:${now}`, deps, pageName),
      now,
    );
  }
}

async function fromToken(deps: Deps, purpose: 'confirm' | 'manage' | 'unsubscribe', token: string) {
  const id = await verifyLinkToken(requireSecret(deps), purpose, token, deps.clock());
  const s = id ? await deps.store.subscribers.get(id) : null;
  if (!s) {
    throw new DomainError('not_found', 'This link is not valid any more (expired, already used, or unsubscribed).');
  }
  return s;
}

export async function confirmSubscription({ deps, token }: { deps: Deps; token: string }): Promise<Subscriber> {
  const s = await fromToken(deps, 'confirm', token);
  if (s.status === 'confirmed') return s;
  const now = deps.clock();
  await deps.store.subscribers.confirm(s.id, now, {
    actor: VISITOR,
    action: 'subscriber.confirm',
    targetType: 'subscriber',
    targetId: s.id,
    at: now,
  });
  return { ...s, status: 'confirmed', confirmedAt: now };
}

export async function subscriberFromManageLink({ deps, token }: { deps: Deps; token: string }): Promise<Subscriber> {
  return fromToken(deps, 'manage', token);
}

export async function updateSubscription({
  deps,
  token,
  components,
  maintenance,
}: {
  deps: Deps;
  token: string;
  components: string[];
  maintenance: boolean;
}): Promise<Subscriber> {
  const s = await fromToken(deps, 'manage', token);
  const known = await followable(deps);
  const targets = [...new Set(components)].filter((t) => known.has(t));
  const now = deps.clock();
  await deps.store.subscribers.setPreferences(s.id, { everything: targets.length === 0, maintenance, targets }, now, {
    actor: VISITOR,
    action: 'subscriber.update',
    targetType: 'subscriber',
    targetId: s.id,
    at: now,
  });
  return { ...s, everything: targets.length === 0, maintenance, targets };
}

/** One-click unsubscribe (RFC 8058) or from the manage page: the address and its pending mail are erased. */
export async function unsubscribe({
  deps,
  token,
  purpose = 'unsubscribe',
}: {
  deps: Deps;
  token: string;
  purpose?: 'unsubscribe' | 'manage';
}): Promise<void> {
  const s = await fromToken(deps, purpose, token);
  await deps.store.subscribers.delete(s.id, {
    actor: VISITOR,
    action: 'subscriber.unsubscribe',
    targetType: 'subscriber',
    targetId: s.id,
    at: deps.clock(),
  });
}

// --- admin -----------------------------------------------------------------------------------------

export async function listSubscribers({
  deps,
  cursor,
  limit,
  channel,
}: {
  deps: Deps;
  cursor?: string;
  limit: number;
  channel?: SubscriberChannel;
}): Promise<{ subscribers: Subscriber[]; nextCursor: string | null }> {
  const page = await deps.store.subscribers.list({ after: cursor, limit: limit + 1, channel });
  const subscribers = page.slice(0, limit);
  const last = subscribers.at(-1);
  return { subscribers, nextCursor: page.length > limit && last ? last.id : null };
}

/** Every subscriber, page by page (for the CSV and JSON export). */
export async function* allSubscribers(deps: Deps): AsyncGenerator<Subscriber> {
  let after: string | undefined;
  for (;;) {
    const page = await deps.store.subscribers.list({ after, limit: 500 });
    for (const s of page) yield s;
    if (page.length < 500) return;
    after = page.at(-1)?.id;
  }
}

export async function deleteSubscriber({ deps, id, actor }: { deps: Deps; id: string; actor: Actor }): Promise<void> {
  const s = await deps.store.subscribers.get(id);
  if (!s) throw notFound('subscriber', id);
  await deps.store.subscribers.delete(id, {
    actor,
    action: 'subscriber.delete',
    targetType: 'subscriber',
    targetId: id,
    at: deps.clock(),
  });
}

/** Confirmed subscribers per component (following it directly, through its group, or everything). */
export async function subscriberCounts({ deps }: { deps: Deps }) {
  const [counts, components] = await Promise.all([deps.store.subscribers.counts(), deps.store.components.list()]);
  return {
    confirmed: counts.confirmed,
    pending: counts.pending,
    everything: counts.everything,
    components: components.map((c) => ({
      id: c.id,
      name: c.name,
      direct: counts.byTarget[c.id] ?? 0,
      viaGroup: c.groupId ? (counts.byTarget[c.groupId] ?? 0) : 0,
      total: counts.everything + (counts.byTarget[c.id] ?? 0) + (c.groupId ? (counts.byTarget[c.groupId] ?? 0) : 0),
    })),
  };
}
