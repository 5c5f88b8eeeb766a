// Confirmed subscribers written straight to a test database, as following the confirmation link leaves
// them (sign-up and confirmation have their own tests: test/notify/subscriptions.test.ts).
import type Database from 'better-sqlite3';

export interface TestSubscriber {
  id: string;
  channel: 'email' | 'webhook' | 'slack';
  address: string;
  /** Follows every component (default) or only `targets`. */
  everything?: boolean;
  /** Hears about maintenance too (default). */
  maintenance?: boolean;
  /** Components or groups followed when `everything` is false. */
  targets?: string[];
  /** Created and confirmed at (default 0). */
  at?: number;
}

export function addSubscribers(sqlite: Database.Database, subscribers: TestSubscriber[]): void {
  const insert = sqlite.prepare(
    `insert into subscribers (id, channel, address, status, everything, maintenance, created_at, updated_at, confirmed_at)
     values (?, ?, ?, 'confirmed', ?, ?, ?, ?, ?)`,
  );
  const target = sqlite.prepare('insert into subscriber_targets (subscriber_id, target_id) values (?, ?)');
  for (const s of subscribers) {
    const at = s.at ?? 0;
    insert.run(s.id, s.channel, s.address, s.everything === false ? 0 : 1, s.maintenance === false ? 0 : 1, at, at, at);
    for (const t of s.targets ?? []) target.run(s.id, t);
  }
}
