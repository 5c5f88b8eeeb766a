// Console sessions and one-time sign-in links, stored by the SHA-256 of their id. These writes change
// nothing public, so they are single statements outside atomic() (no data-version bump).
import { and, eq, gt, lte } from 'drizzle-orm';
import type { EpochMs, Scope } from '../../core/types';
import type { Db } from '../db';
import { apiTokens, consoleSessions } from '../schema';

export type ConsoleSessionKind = 'session' | 'link';

export interface StoredConsoleSession {
  idHash: string;
  kind: ConsoleSessionKind;
  tokenId: string;
  scopes: Scope[];
  createdAt: EpochMs;
  expiresAt: EpochMs;
}

/** A live session row with the state of its token (a revoked token ends every session it began). */
export interface ConsoleSessionWithToken extends StoredConsoleSession {
  token: { id: string; name: string; scopes: Scope[]; revokedAt: EpochMs | null };
}

function toSession(row: typeof consoleSessions.$inferSelect): StoredConsoleSession {
  return { ...row, scopes: row.scopes as Scope[] };
}

export function sessionStore(db: Db) {
  return {
    async create(session: StoredConsoleSession): Promise<void> {
      await db.insert(consoleSessions).values(session);
    },
    /** The unexpired session (not link) with this hash, joined to its token. */
    async findSession(idHash: string, now: EpochMs): Promise<ConsoleSessionWithToken | null> {
      const [row] = await db
        .select({ session: consoleSessions, token: apiTokens })
        .from(consoleSessions)
        .innerJoin(apiTokens, eq(apiTokens.id, consoleSessions.tokenId))
        .where(
          and(
            eq(consoleSessions.idHash, idHash),
            eq(consoleSessions.kind, 'session'),
            gt(consoleSessions.expiresAt, now),
          ),
        )
        .limit(1);
      if (!row) return null;
      return {
        ...toSession(row.session),
        token: {
          id: row.token.id,
          name: row.token.name,
          scopes: row.token.scopes as Scope[],
          revokedAt: row.token.revokedAt,
        },
      };
    },
    /** Takes a sign-in link out of the table: only the first caller gets it (one-time), and only before it expires. */
    async consumeLink(idHash: string, now: EpochMs): Promise<StoredConsoleSession | null> {
      const rows = await db
        .delete(consoleSessions)
        .where(and(eq(consoleSessions.idHash, idHash), eq(consoleSessions.kind, 'link')))
        .returning();
      const row = rows[0];
      if (!row || row.expiresAt <= now) return null;
      return toSession(row);
    },
    async delete(idHash: string): Promise<void> {
      await db.delete(consoleSessions).where(eq(consoleSessions.idHash, idHash));
    },
    async deleteExpired(now: EpochMs): Promise<void> {
      await db.delete(consoleSessions).where(lte(consoleSessions.expiresAt, now));
    },
  };
}
