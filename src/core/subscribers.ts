// Visitors who follow the page, as the services and the HTTP edge see them.
import type { EpochMs } from './types';

export type SubscriberChannel = 'email' | 'webhook' | 'slack';
export type SubscriberStatus = 'pending' | 'confirmed';

export interface Subscriber {
  id: string;
  channel: SubscriberChannel;
  address: string;
  status: SubscriberStatus;
  everything: boolean;
  maintenance: boolean;
  /** Component and group ids followed (empty when `everything`). */
  targets: string[];
  createdAt: EpochMs;
  updatedAt: EpochMs;
  confirmedAt: EpochMs | null;
}

/** A message the subscription itself sends (confirmation, challenge, "already subscribed"): one outbox row. */
export interface SubscriptionMessage {
  id: string;
  dedupeKey: string;
  type: string;
  payload: unknown;
}
