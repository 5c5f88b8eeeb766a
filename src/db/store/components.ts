// Components and their groups.
import { asc, eq, sql } from 'drizzle-orm';
import type { Component, ComponentGroup } from '../../core/types';
import { atomic, type Db } from '../db';
import { componentGroups, components } from '../schema';
import { type AuditInput, auditInsert } from './audit';

export type ComponentPatch = Partial<Pick<Component, 'name' | 'description' | 'groupId' | 'position' | 'status'>> & {
  updatedAt: number;
};
export type GroupPatch = Partial<Pick<ComponentGroup, 'name' | 'description' | 'position'>> & { updatedAt: number };

export function componentStore(db: Db) {
  // Prepared once: every render of the public page lists both.
  const listQuery = db
    .select()
    .from(components)
    .orderBy(asc(components.position), asc(components.createdAt), asc(components.id))
    .prepare();
  const listGroupsQuery = db
    .select()
    .from(componentGroups)
    .orderBy(asc(componentGroups.position), asc(componentGroups.createdAt))
    .prepare();
  return {
    async list(): Promise<Component[]> {
      return listQuery.all();
    },
    async get(id: string): Promise<Component | null> {
      const [row] = await db.select().from(components).where(eq(components.id, id)).limit(1);
      return row ?? null;
    },
    async nextPosition(): Promise<number> {
      const [row] = await db.select({ max: sql<number | null>`max(${components.position})` }).from(components);
      return (row?.max ?? -1) + 1;
    },
    async create(component: Component, audit: AuditInput): Promise<void> {
      await atomic(db, [db.insert(components).values(component), auditInsert(db, audit)]);
    },
    async update(id: string, patch: ComponentPatch, audit: AuditInput): Promise<void> {
      await atomic(db, [db.update(components).set(patch).where(eq(components.id, id)), auditInsert(db, audit)]);
    },
    async delete(id: string, audit: AuditInput): Promise<void> {
      await atomic(db, [db.delete(components).where(eq(components.id, id)), auditInsert(db, audit)]);
    },
    /** Sets every listed component's position to its index in `ids`, all at once. */
    async reorder(ids: string[], at: number, audit: AuditInput): Promise<void> {
      await atomic(db, [
        ...ids.map((id, position) =>
          db.update(components).set({ position, updatedAt: at }).where(eq(components.id, id)),
        ),
        auditInsert(db, audit),
      ]);
    },

    async listGroups(): Promise<ComponentGroup[]> {
      return listGroupsQuery.all();
    },
    async getGroup(id: string): Promise<ComponentGroup | null> {
      const [row] = await db.select().from(componentGroups).where(eq(componentGroups.id, id)).limit(1);
      return row ?? null;
    },
    async createGroup(group: ComponentGroup, audit: AuditInput): Promise<void> {
      await atomic(db, [db.insert(componentGroups).values(group), auditInsert(db, audit)]);
    },
    async updateGroup(id: string, patch: GroupPatch, audit: AuditInput): Promise<void> {
      await atomic(db, [
        db.update(componentGroups).set(patch).where(eq(componentGroups.id, id)),
        auditInsert(db, audit),
      ]);
    },
    async deleteGroup(id: string, at: number, audit: AuditInput): Promise<void> {
      await atomic(db, [
        db.update(components).set({ groupId: null, updatedAt: at }).where(eq(components.groupId, id)),
        db.delete(componentGroups).where(eq(componentGroups.id, id)),
        auditInsert(db, audit),
      ]);
    },
  };
}
