// What /healthz reports: the database answers, and how long the oldest undelivered notification has waited.
import type { Deps } from './deps';
import { outboxBacklog } from './notify-tick';

export interface Health {
  database: 'ok';
  outbox: {
    /** Seconds since the oldest pending notification (SLA alert or subscriber message) was queued; null when none is. */
    oldestPendingAgeSeconds: number | null;
  };
}

/** Throws when the database cannot be read (the caller answers 503). */
export async function checkHealth({ deps }: { deps: Deps }): Promise<Health> {
  await deps.store.public.version();
  const backlog = await outboxBacklog({ deps });
  return { database: 'ok', outbox: { oldestPendingAgeSeconds: backlog?.ageSeconds ?? null } };
}
