// Responses remembered for POSTs sent with an Idempotency-Key, so a retry replays the first answer.
// A key is claimed before the request runs (the primary key makes the claim exclusive) and
// completed with the response, or released when the request fails.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { idempotencyKeys } from '../schema';

export type IdempotentResponse = typeof idempotencyKeys.$inferSelect;

/** Status stored while the first request with a key is still running. */
export const IN_PROGRESS = 0;

export function idempotencyStore(db: Db) {
  const byKey = (tokenId: string, key: string) =>
    and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, key));
  return {
    async get(tokenId: string, key: string): Promise<IdempotentResponse | null> {
      const [row] = await db.select().from(idempotencyKeys).where(byKey(tokenId, key)).limit(1);
      return row ?? null;
    },
    /** True when this caller now owns the key; false when another request claimed it first. */
    async claim(tokenId: string, key: string, fingerprint: string, at: number): Promise<boolean> {
      const rows = await db
        .insert(idempotencyKeys)
        .values({ tokenId, key, fingerprint, status: IN_PROGRESS, body: '', createdAt: at })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      return rows.length === 1;
    },
    async complete(tokenId: string, key: string, status: number, body: string): Promise<void> {
      await db.update(idempotencyKeys).set({ status, body }).where(byKey(tokenId, key));
    },
    async release(tokenId: string, key: string): Promise<void> {
      await db.delete(idempotencyKeys).where(byKey(tokenId, key));
    },
  };
}
