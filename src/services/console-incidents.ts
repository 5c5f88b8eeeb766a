// The console's incident list: open incidents and the most recent ones, each with its SLA clock,
// running clocks first by soonest deadline (the summary due next is the one to write now).
import type { SlaClock } from '../core/sla/clock';
import type { IncidentPostmortemClock } from '../core/sla/postmortem-clock';
import type { Incident } from '../core/types';
import type { Deps } from './deps';
import { listIncidents } from './incidents';
import { postmortemClocks } from './postmortem-deadline';
import { listSlaClocks } from './sla-status';

export interface ConsoleIncidentRow {
  incident: Incident;
  sla: SlaClock | null;
  /** The internal postmortem's clock (its label reads "resolved · postmortem pending" when the setting says so). */
  postmortem: IncidentPostmortemClock | null;
}

/** Running: a summary is owed and not yet published (pending, due soon, breached). */
export function isClockRunning(sla: SlaClock | null): boolean {
  return sla !== null && (sla.state === 'pending' || sla.state === 'due_soon' || sla.state === 'breached');
}

/** The list order: running clocks by deadline, soonest (or most overdue) first; then the rest, newest first. */
export function orderConsoleIncidents(rows: ConsoleIncidentRow[]): ConsoleIncidentRow[] {
  return [...rows].sort((a, b) => {
    const ra = isClockRunning(a.sla);
    const rb = isClockRunning(b.sla);
    if (ra !== rb) return ra ? -1 : 1;
    if (ra && rb) return (a.sla?.deadline ?? 0) - (b.sla?.deadline ?? 0);
    return b.incident.startedAt - a.incident.startedAt || a.incident.id.localeCompare(b.incident.id);
  });
}

export async function listConsoleIncidents({
  deps,
  recent = 25,
}: {
  deps: Deps;
  recent?: number;
}): Promise<ConsoleIncidentRow[]> {
  const [open, latest, clocks] = await Promise.all([
    listIncidents({ deps, query: { status: ['open'], limit: 100 } }),
    listIncidents({ deps, query: { limit: recent } }),
    listSlaClocks({ deps, limit: 10_000 }),
  ]);
  const byId = new Map<string, Incident>();
  for (const i of [...open.incidents, ...latest.incidents]) byId.set(i.id, i);
  // Every summary still owed is on the list even when its incident is older than the recent ones.
  const clockOf = new Map(clocks.map((v) => [v.incident.id, v.clock]));
  const owed = clocks
    .filter((v) => isClockRunning(v.clock) && !byId.has(v.incident.id))
    .map((v) => v.incident.id)
    .slice(0, 50);
  for (const id of owed) {
    const incident = await deps.store.incidents.get(id);
    if (incident) byId.set(id, incident);
  }
  const postmortems = await postmortemClocks({ deps, incidentIds: [...byId.keys()] });
  return orderConsoleIncidents(
    [...byId.values()].map((incident) => ({
      incident,
      sla: clockOf.get(incident.id) ?? null,
      postmortem: postmortems.get(incident.id) ?? null,
    })),
  );
}
