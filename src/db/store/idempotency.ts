// Responses remembered for POSTs sent with an Idempotency-Key, so a retry replays the first answer.
// A key is claimed before the request runs (the primary key makes the claim exclusive) and
// completed with the response, or released when the request fails. A claim is held by its claim time:
// a claim left by a process that died is taken over after a lease, and only the holder completes it.
import { and, eq, lt } from 'drizzle-orm';
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
    /** Takes over a claim still in progress since before `staleBefore` (its holder died); true if this caller now owns it. */
    async takeOver(
      tokenId: string,
      key: string,
      fingerprint: string,
      at: number,
      staleBefore: number,
    ): Promise<boolean> {
      const rows = await db
        .update(idempotencyKeys)
        .set({ fingerprint, createdAt: at })
        .where(
          and(byKey(tokenId, key), eq(idempotencyKeys.status, IN_PROGRESS), lt(idempotencyKeys.createdAt, staleBefore)),
        )
        .returning({ key: idempotencyKeys.key });
      return rows.length === 1;
    },
    async complete(tokenId: string, key: string, claimedAt: number, status: number, body: string): Promise<void> {
      await db
        .update(idempotencyKeys)
        .set({ status, body })
        .where(
          and(byKey(tokenId, key), eq(idempotencyKeys.createdAt, claimedAt), eq(idempotencyKeys.status, IN_PROGRESS)),
        );
    },
    async release(tokenId: string, key: string, claimedAt: number): Promise<void> {
      await db
        .delete(idempotencyKeys)
        .where(
          and(byKey(tokenId, key), eq(idempotencyKeys.createdAt, claimedAt), eq(idempotencyKeys.status, IN_PROGRESS)),
        );
    },
  };
}
