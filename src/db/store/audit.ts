// The audit trail: every write adds one entry in the same atomic batch as the write itself.
import { desc } from 'drizzle-orm';
import type { Actor, AuditEntry, EpochMs } from '../../core/types';
import { newId } from '../../lib/id';
import type { Db } from '../db';
import { auditLog } from '../schema';

export interface AuditInput {
  actor: Actor;
  action: string;
  targetType: string;
  targetId: string;
  at: EpochMs;
  /** Facts the action alone does not say (a live-text gate override: reason and findings). Never a credential. */
  details?: Record<string, unknown>;
}

export function auditInsert(db: Db, entry: AuditInput) {
  return db.insert(auditLog).values({
    id: newId('aud'),
    tokenId: entry.actor.tokenId,
    actor: entry.actor.label,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    at: entry.at,
    details: entry.details ?? null,
  });
}

export function auditStore(db: Db) {
  return {
    async list(limit = 100): Promise<(AuditEntry & { actor: string })[]> {
      const rows = await db.select().from(auditLog).orderBy(desc(auditLog.at)).limit(limit);
      return rows;
    },
  };
}
