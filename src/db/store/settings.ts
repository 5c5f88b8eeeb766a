// Organisation settings, one JSON document per key; each area validates its own value.
import { eq, sql } from 'drizzle-orm';
import { type AtomicOptions, atomic, type Db } from '../db';
import { settings } from '../schema';
import { type AuditInput, auditInsert } from './audit';

export function settingsStore(db: Db) {
  // Prepared once: every render of the public page reads the page settings.
  const getQuery = db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, sql.placeholder('key')))
    .limit(1)
    .prepare();
  return {
    async get(key: string): Promise<unknown> {
      const [row] = await getQuery.all({ key });
      return row?.value;
    },
    /** Replaces one setting, audited as `action` on the settings record `key`; `opts.public: false` for settings no page shows. */
    async put(
      key: string,
      value: unknown,
      change: Pick<AuditInput, 'actor' | 'action' | 'at'>,
      opts: AtomicOptions = {},
    ): Promise<void> {
      const at = change.at;
      await atomic(
        db,
        [
          db
            .insert(settings)
            .values({ key, value, updatedAt: at })
            .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } }),
          auditInsert(db, { ...change, targetType: 'settings', targetId: key }),
        ],
        opts,
      );
    },
  };
}
