// Subscribers (email, webhook, Slack), what each follows, and the sign-up rate-limit counters.
// No subscriber write changes public output: none bumps the data version.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Subscriber, SubscriberChannel, SubscriptionMessage } from '../../core/subscribers';
import type { EpochMs } from '../../core/types';
import { atomic, type Db, slices } from '../db';
import { notifications, rateLimits, subscribers, subscriberTargets } from '../schema';
import { type AuditInput, auditInsert } from './audit';

export type { Subscriber, SubscriberChannel, SubscriptionMessage };

const PRIVATE = { public: false } as const;

export function subscriberStore(db: Db) {
  async function withTargets(rows: (typeof subscribers.$inferSelect)[]): Promise<Subscriber[]> {
    const targets = new Map<string, string[]>();
    for (const slice of slices(rows.filter((r) => !r.everything).map((r) => r.id))) {
      const links = await db.select().from(subscriberTargets).where(inArray(subscriberTargets.subscriberId, slice));
      for (const l of links) targets.set(l.subscriberId, [...(targets.get(l.subscriberId) ?? []), l.targetId]);
    }
    return rows.map((r) => ({ ...r, targets: (targets.get(r.id) ?? []).sort() }));
  }

  function messageInsert(subscriberId: string, channel: SubscriberChannel, m: SubscriptionMessage, at: EpochMs) {
    return db
      .insert(notifications)
      .values({
        id: m.id,
        kind: 'subscriber',
        dedupeKey: m.dedupeKey,
        subscriberId,
        type: m.type,
        channel,
        target: '',
        payload: m.payload,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing();
  }

  return {
    async get(id: string): Promise<Subscriber | null> {
      const rows = await db.select().from(subscribers).where(eq(subscribers.id, id)).limit(1);
      return (await withTargets(rows))[0] ?? null;
    },

    async byAddress(channel: SubscriberChannel, address: string): Promise<Subscriber | null> {
      const rows = await db
        .select()
        .from(subscribers)
        .where(and(eq(subscribers.channel, channel), eq(subscribers.address, address)))
        .limit(1);
      return (await withTargets(rows))[0] ?? null;
    },

    /** A new pending subscriber, its targets and its confirmation message, together. */
    async create(s: Subscriber, message: SubscriptionMessage, audit: AuditInput): Promise<void> {
      const { targets, ...row } = s;
      await atomic(
        db,
        [
          db.insert(subscribers).values(row),
          ...targets.map((targetId) => db.insert(subscriberTargets).values({ subscriberId: s.id, targetId })),
          messageInsert(s.id, s.channel, message, s.createdAt),
          auditInsert(db, audit),
        ],
        PRIVATE,
      );
    },

    /** Queues a message to an existing subscriber (a confirmation again, or "you are already subscribed"). */
    async queueMessage(s: Pick<Subscriber, 'id' | 'channel'>, message: SubscriptionMessage, at: EpochMs) {
      await atomic(db, [messageInsert(s.id, s.channel, message, at)], PRIVATE);
    },

    async confirm(id: string, at: EpochMs, audit: AuditInput): Promise<void> {
      await atomic(
        db,
        [
          db
            .update(subscribers)
            .set({ status: 'confirmed', confirmedAt: at, updatedAt: at })
            .where(and(eq(subscribers.id, id), eq(subscribers.status, 'pending'))),
          auditInsert(db, audit),
        ],
        PRIVATE,
      );
    },

    /** Replaces what a subscriber follows. */
    async setPreferences(
      id: string,
      p: { everything: boolean; maintenance: boolean; targets: string[] },
      at: EpochMs,
      audit: AuditInput,
    ): Promise<void> {
      await atomic(
        db,
        [
          db
            .update(subscribers)
            .set({ everything: p.everything, maintenance: p.maintenance, updatedAt: at })
            .where(eq(subscribers.id, id)),
          db.delete(subscriberTargets).where(eq(subscriberTargets.subscriberId, id)),
          ...p.targets.map((targetId) => db.insert(subscriberTargets).values({ subscriberId: id, targetId })),
          auditInsert(db, audit),
        ],
        PRIVATE,
      );
    },

    /**
     * Erases a subscriber: the address, what it follows and every notification of it (pending mail
     * included), in one batch. A delivery already in flight finds no row and records nothing.
     */
    async delete(id: string, audit: AuditInput): Promise<void> {
      await atomic(
        db,
        [
          db.delete(notifications).where(eq(notifications.subscriberId, id)),
          db.delete(subscriberTargets).where(eq(subscriberTargets.subscriberId, id)),
          db.delete(subscribers).where(eq(subscribers.id, id)),
          auditInsert(db, audit),
        ],
        PRIVATE,
      );
    },

    /** A page of subscribers in id order, after `after` (keyset cursor). */
    async list(filter: { after?: string; limit: number; channel?: SubscriberChannel }): Promise<Subscriber[]> {
      const rows = await db
        .select()
        .from(subscribers)
        .where(
          and(
            filter.after ? gt(subscribers.id, filter.after) : undefined,
            filter.channel ? eq(subscribers.channel, filter.channel) : undefined,
          ),
        )
        .orderBy(asc(subscribers.id))
        .limit(filter.limit);
      return withTargets(rows);
    },

    /** Confirmed subscribers per followed component or group id, plus those following everything. */
    async counts(): Promise<{
      everything: number;
      pending: number;
      confirmed: number;
      byTarget: Record<string, number>;
    }> {
      const byStatus = await db
        .select({ status: subscribers.status, everything: subscribers.everything, n: sql<number>`count(*)` })
        .from(subscribers)
        .groupBy(subscribers.status, subscribers.everything);
      const byTarget = await db
        .select({ target: subscriberTargets.targetId, n: sql<number>`count(*)` })
        .from(subscriberTargets)
        .innerJoin(subscribers, eq(subscribers.id, subscriberTargets.subscriberId))
        .where(eq(subscribers.status, 'confirmed'))
        .groupBy(subscriberTargets.targetId);
      let everything = 0;
      let pending = 0;
      let confirmed = 0;
      for (const r of byStatus) {
        const n = Number(r.n);
        if (r.status === 'pending') pending += n;
        else {
          confirmed += n;
          if (r.everything) everything += n;
        }
      }
      return {
        everything,
        pending,
        confirmed,
        byTarget: Object.fromEntries(byTarget.map((r) => [r.target, Number(r.n)])),
      };
    },

    /**
     * Counts one hit against `key` in a fixed window starting at `windowStart`; returns the count so far
     * (a new window resets it). One UPSERT, so concurrent hits from two processes all count.
     */
    async hit(key: string, windowStart: EpochMs): Promise<number> {
      const [row] = await db
        .insert(rateLimits)
        .values({ key, windowStart, count: 1 })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${rateLimits.windowStart} = ${windowStart} then ${rateLimits.count} + 1 else 1 end`,
            windowStart,
          },
        })
        .returning({ count: rateLimits.count });
      return row?.count ?? 1;
    },
  };
}
