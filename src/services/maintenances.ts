// Scheduled maintenance windows: plan, amend, list, cancel.
import { invalid, notFound } from '../core/errors';
import { maintenanceEvent } from '../core/events';
import type { CreateMaintenanceInput, UpdateMaintenanceInput } from '../core/inputs';
import type { Actor, Maintenance } from '../core/types';
import { newId } from '../lib/id';
import { assertComponentsExist } from './components';
import type { Deps } from './deps';
import { gatePublicText, type Warned, withWarnings } from './public-text-gate';

function eventList<T>(event: T | null): T[] {
  return event ? [event] : [];
}

export async function createMaintenance({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: CreateMaintenanceInput;
  actor: Actor;
}): Promise<Maintenance & Warned> {
  const gate = await gatePublicText({
    deps,
    fields: { title: input.title, body: input.body },
    override: input.override,
  });
  const components = input.components ?? [];
  await assertComponentsExist(deps, components, (i) => `components.${i}`);
  const now = deps.clock();
  const m: Maintenance = {
    id: newId('mnt'),
    title: input.title,
    body: input.body ?? null,
    status: input.status ?? 'scheduled',
    scheduledFor: input.scheduledFor,
    scheduledUntil: input.scheduledUntil,
    components,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.maintenances.save(
    m,
    true,
    {
      actor,
      action: 'maintenance.create',
      targetType: 'maintenance',
      targetId: m.id,
      at: now,
      details: gate.auditDetails,
    },
    eventList(maintenanceEvent(newId('evt'), null, m, now, deps.config.publicUrl)),
  );
  return withWarnings(m, gate);
}

export async function getMaintenance({ deps, id }: { deps: Deps; id: string }): Promise<Maintenance> {
  const m = await deps.store.maintenances.get(id);
  if (!m) throw notFound('maintenance', id);
  return m;
}

export async function listMaintenances({ deps }: { deps: Deps }): Promise<Maintenance[]> {
  return deps.store.maintenances.list();
}

export async function updateMaintenance({
  deps,
  id,
  input,
  actor,
}: {
  deps: Deps;
  id: string;
  input: UpdateMaintenanceInput;
  actor: Actor;
}): Promise<Maintenance & Warned> {
  const { override, ...changes } = input;
  const gate = await gatePublicText({ deps, fields: { title: input.title, body: input.body }, override });
  const current = await getMaintenance({ deps, id });
  if (input.components) await assertComponentsExist(deps, input.components, (i) => `components.${i}`);
  const now = deps.clock();
  const next: Maintenance = {
    ...current,
    ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    updatedAt: now,
  };
  if (next.scheduledUntil <= next.scheduledFor) {
    throw invalid([{ path: 'scheduledUntil', message: 'must be after scheduledFor' }]);
  }
  await deps.store.maintenances.save(
    next,
    false,
    {
      actor,
      action: 'maintenance.update',
      targetType: 'maintenance',
      targetId: id,
      at: now,
      details: gate.auditDetails,
    },
    eventList(maintenanceEvent(newId('evt'), current, next, now, deps.config.publicUrl)),
  );
  return withWarnings(next, gate);
}

export async function deleteMaintenance({ deps, id, actor }: { deps: Deps; id: string; actor: Actor }): Promise<void> {
  await getMaintenance({ deps, id });
  const now = deps.clock();
  await deps.store.maintenances.delete(id, {
    actor,
    action: 'maintenance.delete',
    targetType: 'maintenance',
    targetId: id,
    at: now,
  });
}
