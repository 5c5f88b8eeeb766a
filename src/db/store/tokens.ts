// API tokens: only the SHA-256 hash is stored; lookups go by hash.
import { asc, count, eq, isNull } from 'drizzle-orm';
import type { ApiToken, EpochMs, Scope } from '../../core/types';
import { atomic, type Db } from '../db';
import { apiTokens } from '../schema';
import { type AuditInput, auditInsert } from './audit';

export interface StoredToken extends ApiToken {
  tokenHash: string;
}

function toToken(row: typeof apiTokens.$inferSelect): StoredToken {
  return { ...row, scopes: row.scopes as Scope[] };
}

export function tokenStore(db: Db) {
  return {
    async create(token: StoredToken, audit: AuditInput | null): Promise<void> {
      const insert = db.insert(apiTokens).values(token);
      await atomic(db, audit ? [insert, auditInsert(db, audit)] : [insert], { public: false });
    },
    async findByHash(hash: string): Promise<StoredToken | null> {
      const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hash)).limit(1);
      return row ? toToken(row) : null;
    },
    async get(id: string): Promise<StoredToken | null> {
      const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
      return row ? toToken(row) : null;
    },
    async list(): Promise<StoredToken[]> {
      const rows = await db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
      return rows.map(toToken);
    },
    async countActive(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(apiTokens).where(isNull(apiTokens.revokedAt));
      return row?.n ?? 0;
    },
    async revoke(id: string, at: EpochMs, audit: AuditInput): Promise<void> {
      await atomic(
        db,
        [db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id)), auditInsert(db, audit)],
        { public: false },
      );
    },
    async touch(id: string, at: EpochMs): Promise<void> {
      await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
    },
  };
}
