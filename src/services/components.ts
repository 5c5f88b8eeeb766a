// Components and groups: create, list, update (status included), reorder, delete.
import { invalid, notFound } from '../core/errors';
import type { CreateComponentInput, CreateGroupInput, UpdateComponentInput, UpdateGroupInput } from '../core/inputs';
import type { Actor, Component, ComponentGroup } from '../core/types';
import { newId } from '../lib/id';
import type { Deps } from './deps';
import { gatePublicText, type Warned, withWarnings } from './public-text-gate';

/** Refuses (422, one error per unknown id) a write that names components that do not exist. */
export async function assertComponentsExist(
  deps: Deps,
  ids: readonly string[],
  pathOf: (index: number) => string,
): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await deps.store.components.list()).map((c) => c.id));
  const problems = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: pathOf(i), message: `no component with id "${id}"` }],
  );
  if (problems.length) throw invalid(problems);
}

async function assertGroupExists(deps: Deps, groupId: string | null | undefined): Promise<void> {
  if (groupId && !(await deps.store.components.getGroup(groupId))) {
    throw invalid([{ path: 'groupId', message: `no component group with id "${groupId}"` }]);
  }
}

export async function createComponent({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: CreateComponentInput;
  actor: Actor;
}): Promise<Component & Warned> {
  const gate = await gatePublicText({
    deps,
    fields: { name: input.name, description: input.description },
    override: input.override,
  });
  await assertGroupExists(deps, input.groupId);
  const now = deps.clock();
  const component: Component = {
    id: newId('cmp'),
    name: input.name,
    description: input.description ?? null,
    groupId: input.groupId ?? null,
    position: input.position ?? (await deps.store.components.nextPosition()),
    status: input.status ?? 'operational',
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.components.create(component, {
    actor,
    action: 'component.create',
    targetType: 'component',
    targetId: component.id,
    at: now,
    details: gate.auditDetails,
  });
  return withWarnings(component, gate);
}

export async function listComponents({ deps }: { deps: Deps }): Promise<Component[]> {
  return deps.store.components.list();
}

export async function getComponent({ deps, id }: { deps: Deps; id: string }): Promise<Component> {
  const component = await deps.store.components.get(id);
  if (!component) throw notFound('component', id);
  return component;
}

export async function updateComponent({
  deps,
  id,
  input,
  actor,
}: {
  deps: Deps;
  id: string;
  input: UpdateComponentInput;
  actor: Actor;
}): Promise<Component & Warned> {
  const { override, ...changes } = input;
  const gate = await gatePublicText({ deps, fields: { name: input.name, description: input.description }, override });
  const current = await getComponent({ deps, id });
  await assertGroupExists(deps, input.groupId);
  const now = deps.clock();
  const next: Component = {
    ...current,
    ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    updatedAt: now,
  };
  const action =
    input.status !== undefined && input.status !== current.status ? 'component.status' : 'component.update';
  await deps.store.components.update(
    id,
    {
      name: next.name,
      description: next.description,
      groupId: next.groupId,
      position: next.position,
      status: next.status,
      updatedAt: now,
    },
    { actor, action, targetType: 'component', targetId: id, at: now, details: gate.auditDetails },
  );
  return withWarnings(next, gate);
}

export async function deleteComponent({ deps, id, actor }: { deps: Deps; id: string; actor: Actor }): Promise<void> {
  await getComponent({ deps, id });
  const now = deps.clock();
  await deps.store.components.delete(id, {
    actor,
    action: 'component.delete',
    targetType: 'component',
    targetId: id,
    at: now,
  });
}

/** Puts the listed components first, in this order; the others keep their relative order after them. */
export async function reorderComponents({
  deps,
  ids,
  actor,
}: {
  deps: Deps;
  ids: string[];
  actor: Actor;
}): Promise<Component[]> {
  await assertComponentsExist(deps, ids, (i) => `ids.${i}`);
  const all = await deps.store.components.list();
  const listed = new Set(ids);
  const order = [...ids, ...all.filter((c) => !listed.has(c.id)).map((c) => c.id)];
  const now = deps.clock();
  await deps.store.components.reorder(order, now, {
    actor,
    action: 'component.reorder',
    targetType: 'component',
    targetId: '*',
    at: now,
  });
  return deps.store.components.list();
}

export async function createGroup({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: CreateGroupInput;
  actor: Actor;
}): Promise<ComponentGroup & Warned> {
  const gate = await gatePublicText({
    deps,
    fields: { name: input.name, description: input.description },
    override: input.override,
  });
  const now = deps.clock();
  const existing = await deps.store.components.listGroups();
  const group: ComponentGroup = {
    id: newId('grp'),
    name: input.name,
    description: input.description ?? null,
    position: input.position ?? existing.length,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.components.createGroup(group, {
    actor,
    action: 'group.create',
    targetType: 'component_group',
    targetId: group.id,
    at: now,
    details: gate.auditDetails,
  });
  return withWarnings(group, gate);
}

export async function listGroups({ deps }: { deps: Deps }): Promise<ComponentGroup[]> {
  return deps.store.components.listGroups();
}

export async function updateGroup({
  deps,
  id,
  input,
  actor,
}: {
  deps: Deps;
  id: string;
  input: UpdateGroupInput;
  actor: Actor;
}): Promise<ComponentGroup & Warned> {
  const { override, ...changes } = input;
  const gate = await gatePublicText({ deps, fields: { name: input.name, description: input.description }, override });
  const current = await deps.store.components.getGroup(id);
  if (!current) throw notFound('component group', id);
  const now = deps.clock();
  const next: ComponentGroup = {
    ...current,
    ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    updatedAt: now,
  };
  await deps.store.components.updateGroup(
    id,
    { name: next.name, description: next.description, position: next.position, updatedAt: now },
    { actor, action: 'group.update', targetType: 'component_group', targetId: id, at: now, details: gate.auditDetails },
  );
  return withWarnings(next, gate);
}

export async function deleteGroup({ deps, id, actor }: { deps: Deps; id: string; actor: Actor }): Promise<void> {
  if (!(await deps.store.components.getGroup(id))) throw notFound('component group', id);
  const now = deps.clock();
  await deps.store.components.deleteGroup(id, now, {
    actor,
    action: 'group.delete',
    targetType: 'component_group',
    targetId: id,
    at: now,
  });
}
