// What /healthz reports: the database answers, and how long the oldest undelivered notification has waited.
import type { Deps } from './deps';

export interface Health {
  database: 'ok';
  outbox: {
    /** Seconds since the oldest pending alert was queued; null when nothing is pending. */
    oldestPendingAgeSeconds: number | null;
  };
}

/** Throws when the database cannot be read (the caller answers 503). */
export async function checkHealth({ deps }: { deps: Deps }): Promise<Health> {
  await deps.store.public.version();
  const oldest = await deps.store.sla.oldestPendingAt();
  return {
    database: 'ok',
    outbox: {
      oldestPendingAgeSeconds: oldest === null ? null : Math.max(0, Math.floor((deps.clock() - oldest) / 1000)),
    },
  };
}
