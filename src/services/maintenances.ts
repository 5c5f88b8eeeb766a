// Scheduled maintenance windows: plan, amend, list, cancel.
import { invalid, notFound } from '../core/errors';
import { maintenanceClockEvent, maintenanceEvent } from '../core/events';
import type { CreateMaintenanceInput, UpdateMaintenanceInput } from '../core/inputs';
import { maintenanceClockTransition, statusAfterMove } from '../core/public/status';
import type { Actor, EpochMs, Maintenance } from '../core/types';
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
  const moved = next.scheduledFor !== current.scheduledFor || next.scheduledUntil !== current.scheduledUntil;
  if (moved && input.status === undefined) next.status = statusAfterMove(next, now);
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
    // Raised only if the window still stands where it was read: the notify tick may have moved it since.
    current.status,
  );
  return withWarnings(next, gate);
}

/** Who moves windows along when their time comes (the notify tick). */
export const MAINTENANCE_CLOCK_ACTOR: Actor = { tokenId: null, label: 'system:clock' };

/** A window the notify tick moved, and the event it raised. */
export interface MaintenanceMove {
  maintenanceId: string;
  type: 'maintenance.started' | 'maintenance.completed';
}

/**
 * Moves every window the clock has overtaken to the status the page already shows (in_progress at its
 * start, completed at its end), raising `maintenance.started` / `maintenance.completed` with it in the
 * same batch. Exactly once per window and boundary, whichever ticks overlap; a status a person set
 * first has already raised its event, and the window no longer matches.
 */
export async function advanceMaintenances({ deps, at }: { deps: Deps; at: EpochMs }): Promise<MaintenanceMove[]> {
  const moved: MaintenanceMove[] = [];
  for (const m of await deps.store.maintenances.overtakenBy(at)) {
    const transition = maintenanceClockTransition(m, at);
    if (transition === null) continue;
    const event = maintenanceClockEvent(newId('evt'), m, transition, deps.config.publicUrl);
    const made = await deps.store.maintenances.advance({
      id: m.id,
      to: transition === 'started' ? 'in_progress' : 'completed',
      at,
      event,
      audit: {
        actor: MAINTENANCE_CLOCK_ACTOR,
        action: transition === 'started' ? 'maintenance.start' : 'maintenance.complete',
        targetType: 'maintenance',
        targetId: m.id,
        at,
      },
    });
    if (made) moved.push({ maintenanceId: m.id, type: `maintenance.${transition}` });
  }
  return moved;
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
