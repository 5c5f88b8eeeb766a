// The one notification outbox (SLA alerts and subscriber notifications) and the domain events that feed
// it: claims, outcomes, dead letters, fan-out. Nothing here changes public output (no data version bump).
import { and, asc, eq, inArray, isNull, lte, min, sql } from 'drizzle-orm';
import type { DomainEvent, EventPayload } from '../../core/events';
import type { SubscriberChannel } from '../../core/subscribers';
import type { EpochMs } from '../../core/types';
import { atomic, type Db } from '../db';
import { components, domainEvents, notifications, subscribers, subscriberTargets } from '../schema';
import { type AuditInput, auditInsert } from './audit';

export type NotificationKind = 'sla' | 'subscriber';
export type NotificationStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface NotificationRecord {
  id: string;
  kind: NotificationKind;
  dedupeKey: string;
  incidentId: string | null;
  checkpoint: string | null;
  eventId: string | null;
  subscriberId: string | null;
  type: string;
  channel: string;
  target: string;
  payload: unknown;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: EpochMs;
  lastError: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  deliveredAt: EpochMs | null;
}

const OUTBOX = { public: false } as const;

/** The outbox rows of a domain event: inserted in the write's own atomic batch. */
export function eventInserts(db: Db, events: readonly DomainEvent[]) {
  return events.map((e) =>
    db.insert(domainEvents).values({
      id: e.id,
      type: e.type,
      subjectId: e.subjectId,
      scope: e.scope,
      payload: e.payload,
      occurredAt: e.occurredAt,
      fannedOutAt: null,
      channels: e.channels ? [...e.channels] : null,
    }),
  );
}

export function notificationStore(db: Db) {
  return {
    async get(id: string): Promise<NotificationRecord | null> {
      const [row] = await db.select().from(notifications).where(eq(notifications.id, id)).limit(1);
      return row ?? null;
    },

    /** Ids of pending notifications whose next attempt is due, oldest first. */
    async dueIds(now: EpochMs, limit: number, kind?: NotificationKind): Promise<string[]> {
      const rows = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            eq(notifications.status, 'pending'),
            lte(notifications.nextAttemptAt, now),
            kind ? eq(notifications.kind, kind) : undefined,
          ),
        )
        .orderBy(asc(notifications.nextAttemptAt), asc(notifications.id))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /**
     * Claims a due notification for one attempt: one conditional UPDATE, so of two ticks racing for it
     * exactly one gets the row back. The lease (counted from the claim) pushes the next attempt out; if
     * the claimer dies before recording, the row is due again when the lease ends (same id, resent).
     */
    async claim(id: string, now: EpochMs, leaseUntil: EpochMs): Promise<NotificationRecord | null> {
      const [row] = await db
        .update(notifications)
        .set({ nextAttemptAt: leaseUntil, attempts: sql`${notifications.attempts} + 1`, updatedAt: now })
        .where(
          and(eq(notifications.id, id), eq(notifications.status, 'pending'), lte(notifications.nextAttemptAt, now)),
        )
        .returning();
      return row ?? null;
    },

    /**
     * Records a delivery by the claim that made it (`attempt`): a claim whose lease ran out and was
     * taken over does not overwrite the newer claim's outcome. A row cancelled in flight was still sent.
     */
    async markDelivered(id: string, attempt: number, at: EpochMs): Promise<void> {
      await db
        .update(notifications)
        .set({ status: 'delivered', deliveredAt: at, updatedAt: at })
        .where(
          and(
            eq(notifications.id, id),
            eq(notifications.attempts, attempt),
            inArray(notifications.status, ['pending', 'cancelled']),
          ),
        );
    },

    /** A failed attempt: try again at `retryAt`, or (null) dead-letter it with an audit entry. */
    async markFailed(
      id: string,
      attempt: number,
      at: EpochMs,
      error: string,
      retryAt: EpochMs | null,
      audit: AuditInput,
    ): Promise<void> {
      const where = and(
        eq(notifications.id, id),
        eq(notifications.attempts, attempt),
        eq(notifications.status, 'pending'),
      );
      if (retryAt !== null) {
        await db.update(notifications).set({ lastError: error, nextAttemptAt: retryAt, updatedAt: at }).where(where);
        return;
      }
      await atomic(
        db,
        [
          db.update(notifications).set({ status: 'dead', lastError: error, updatedAt: at }).where(where),
          auditInsert(db, audit),
        ],
        OUTBOX,
      );
    },

    /** Drops a notification that must not be sent any more (its subscriber left, its route is gone). */
    async cancel(id: string, at: EpochMs, reason: string): Promise<void> {
      await db
        .update(notifications)
        .set({ status: 'cancelled', lastError: reason, updatedAt: at })
        .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')));
    },

    /** Re-queues a dead-lettered notification with a fresh set of attempts; id and payload stay the same. */
    async requeueDead(id: string, at: EpochMs, audit: AuditInput): Promise<void> {
      await atomic(
        db,
        [
          db
            .update(notifications)
            .set({ status: 'pending', attempts: 0, nextAttemptAt: at, updatedAt: at })
            .where(and(eq(notifications.id, id), eq(notifications.status, 'dead'))),
          auditInsert(db, audit),
        ],
        OUTBOX,
      );
    },

    /** How many notifications are in each status. */
    async counts(): Promise<Record<NotificationStatus, number>> {
      const rows = await db
        .select({ status: notifications.status, n: sql<number>`count(*)` })
        .from(notifications)
        .groupBy(notifications.status);
      const out: Record<NotificationStatus, number> = { pending: 0, delivered: 0, dead: 0, cancelled: 0 };
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },

    /**
     * When the oldest undelivered work was queued (a pending notification, or an event not fanned out
     * yet), or null when the outbox is drained: `/healthz` reports `now` minus this.
     */
    async oldestPendingAt(): Promise<EpochMs | null> {
      const [n] = await db
        .select({ at: min(notifications.createdAt) })
        .from(notifications)
        .where(eq(notifications.status, 'pending'));
      const [e] = await db
        .select({ at: min(domainEvents.occurredAt) })
        .from(domainEvents)
        .where(isNull(domainEvents.fannedOutAt));
      const times = [n?.at, e?.at].filter((t): t is number => typeof t === 'number');
      return times.length ? Math.min(...times) : null;
    },

    /** Events written but not yet fanned out to subscribers, oldest first. */
    async pendingEvents(limit: number): Promise<DomainEvent[]> {
      const rows = await db
        .select()
        .from(domainEvents)
        .where(isNull(domainEvents.fannedOutAt))
        .orderBy(asc(domainEvents.occurredAt), asc(domainEvents.id))
        .limit(limit);
      return rows.map((r) => ({
        id: r.id,
        type: r.type as DomainEvent['type'],
        subjectId: r.subjectId,
        scope: r.scope,
        payload: r.payload as EventPayload,
        occurredAt: r.occurredAt,
        ...(r.channels ? { channels: r.channels as SubscriberChannel[] } : {}),
      }));
    },

    /**
     * Turns one event into one pending notification per matching confirmed subscriber, and marks it
     * fanned out, all in one batch: one INSERT ... SELECT whatever the number of subscribers. The
     * UNIQUE dedupe key (event, subscriber) makes a repeat after a crash add nothing.
     */
    async fanOut(event: DomainEvent, at: EpochMs): Promise<void> {
      const scope = JSON.stringify(event.scope);
      const inScope = sql`(select value from json_each(${scope}))`;
      const follows = db
        .select({ one: sql`1` })
        .from(subscriberTargets)
        .where(
          and(
            eq(subscriberTargets.subscriberId, subscribers.id),
            sql`(${subscriberTargets.targetId} in ${inScope} or ${subscriberTargets.targetId} in (select ${components.groupId} from ${components} where ${components.id} in ${inScope}))`,
          ),
        );
      const rows = db
        .select({
          id: sql<string>`'ntf_' || lower(hex(randomblob(10)))`.as('id'),
          kind: sql<string>`'subscriber'`.as('kind'),
          dedupeKey: sql<string>`'evt:' || ${event.id} || ':' || ${subscribers.id}`.as('dedupe_key'),
          incidentId: sql<null>`null`.as('incident_id'),
          checkpoint: sql<null>`null`.as('checkpoint'),
          eventId: sql<string>`${event.id}`.as('event_id'),
          subscriberId: subscribers.id,
          type: sql<string>`${event.type}`.as('type'),
          channel: subscribers.channel,
          target: sql<string>`''`.as('target'),
          payload: sql<string>`${JSON.stringify(event.payload)}`.as('payload'),
          status: sql<string>`'pending'`.as('status'),
          attempts: sql<number>`0`.as('attempts'),
          nextAttemptAt: sql<number>`${at}`.as('next_attempt_at'),
          lastError: sql<null>`null`.as('last_error'),
          createdAt: sql<number>`${at}`.as('created_at'),
          updatedAt: sql<number>`${at}`.as('updated_at'),
          deliveredAt: sql<null>`null`.as('delivered_at'),
        })
        .from(subscribers)
        .where(
          and(
            eq(subscribers.status, 'confirmed'),
            event.channels ? inArray(subscribers.channel, [...event.channels]) : undefined,
            event.type.startsWith('maintenance.') ? eq(subscribers.maintenance, true) : undefined,
            sql`(${subscribers.everything} = 1 or exists ${follows})`,
          ),
        );
      await atomic(
        db,
        [
          db.insert(notifications).select(rows).onConflictDoNothing(),
          db.update(domainEvents).set({ fannedOutAt: at }).where(eq(domainEvents.id, event.id)),
        ],
        OUTBOX,
      );
    },
  };
}
