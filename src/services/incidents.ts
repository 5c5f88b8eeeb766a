// Incidents: open, read, list, amend, post updates to, and resolve. Component statuses follow the
// open incidents that affect them (derived, not assigned: resolving one incident must not clear
// an outage another open incident still reports).
import { DomainError, invalid, notFound } from '../core/errors';
import { incidentEvent } from '../core/events';
import { incidentTimeProblems } from '../core/incident-rules';
import type {
  CreateIncidentInput,
  CreateUpdateInput,
  ListIncidentsQuery,
  ResolveIncidentInput,
  UpdateIncidentInput,
} from '../core/inputs';
import { worstComponentStatus } from '../core/status';
import { TARGET_PROBLEM_TEXT, targetProblem } from '../core/targets';
import type {
  Actor,
  AffectedComponent,
  ComponentStatus,
  Incident,
  IncidentStatus,
  IncidentUpdate,
} from '../core/types';
import type { IncidentWrite } from '../db/store/incidents';
import { newId } from '../lib/id';
import { assertComponentsExist } from './components';
import type { Deps } from './deps';

const DEFAULT_MESSAGES: Record<IncidentStatus, string> = {
  investigating: 'We are investigating this issue.',
  identified: 'The issue has been identified and a fix is being implemented.',
  monitoring: 'A fix has been implemented and we are monitoring the results.',
  resolved: 'This incident has been resolved.',
};

function eventList<T>(event: T | null): T[] {
  return event ? [event] : [];
}

/** The lead's webhook is a target the server POSTs to: no internal address, no credentials in it. */
function assertLeadWebhook(deps: Deps, incident: Incident) {
  const url = incident.lead.webhookUrl;
  const problem = url ? targetProblem(url, deps.config.allowPrivateTargets === true) : null;
  if (problem) throw invalid([{ path: 'lead.webhookUrl', message: TARGET_PROBLEM_TEXT[problem] }]);
}

function assertTimeline(incident: Incident) {
  const problems = incidentTimeProblems(incident);
  if (problems.length) throw invalid(problems, 'The incident timeline is not consistent.');
}

/**
 * The current status of each component touched by `before` or `after`: the worst impact among the
 * open incidents that affect it, counting this incident as it will be after the write.
 */
async function componentStatusesAfter(
  deps: Deps,
  incident: Incident,
  previouslyAffected: AffectedComponent[],
  now: number,
): Promise<IncidentWrite['componentStatuses']> {
  const touched = [...new Set([...previouslyAffected, ...incident.components].map((c) => c.id))];
  if (touched.length === 0) return [];
  const others = await deps.store.incidents.openImpacts(touched, incident.id);
  const open = incident.status !== 'resolved';
  return touched.map((id) => {
    const impacts: ComponentStatus[] = others.filter((o) => o.id === id).map((o) => o.status);
    const mine = incident.components.find((c) => c.id === id);
    if (open && mine) impacts.push(mine.status);
    return { id, status: worstComponentStatus(impacts), updatedAt: now };
  });
}

export async function createIncident({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: CreateIncidentInput;
  actor: Actor;
}): Promise<Incident> {
  await assertComponentsExist(
    deps,
    (input.components ?? []).map((c) => c.id),
    (i) => `components.${i}.id`,
  );
  const now = deps.clock();
  const status: IncidentStatus = input.status ?? (input.resolvedAt != null ? 'resolved' : 'investigating');
  const incident: Incident = {
    id: newId('inc'),
    title: input.title,
    severity: input.severity,
    status,
    public: input.public ?? null,
    startedAt: input.startedAt,
    detectedAt: input.detectedAt ?? null,
    acknowledgedAt: input.acknowledgedAt ?? null,
    resolvedAt: input.resolvedAt ?? (status === 'resolved' ? now : null),
    lead: {
      name: input.lead.name,
      email: input.lead.email ?? null,
      webhookUrl: input.lead.webhookUrl ?? null,
      webhookKind: input.lead.webhookKind ?? 'generic',
    },
    components: input.components ?? [],
    createdAt: now,
    updatedAt: now,
  };
  assertTimeline(incident);
  assertLeadWebhook(deps, incident);
  const update: IncidentUpdate = {
    id: newId('upd'),
    incidentId: incident.id,
    status,
    body: input.message ?? DEFAULT_MESSAGES[status],
    createdAt: now,
  };
  await deps.store.incidents.write(
    incident.id,
    {
      incident,
      replaceComponents: incident.components,
      componentStatuses: await componentStatusesAfter(deps, incident, [], now),
      update,
      audit: { actor, action: 'incident.create', targetType: 'incident', targetId: incident.id, at: now },
      events: eventList(incidentEvent(newId('evt'), null, incident, update, deps.config.publicUrl)),
    },
    true,
  );
  return incident;
}

export async function getIncident({ deps, id }: { deps: Deps; id: string }): Promise<Incident> {
  const incident = await deps.store.incidents.get(id);
  if (!incident) throw notFound('incident', id);
  return incident;
}

function encodeCursor(i: Incident): string {
  return btoa(`${i.startedAt}:${i.id}`).replace(/=+$/, '');
}

function decodeCursor(cursor: string): { startedAt: number; id: string } {
  try {
    const [at, id] = atob(cursor).split(':');
    const startedAt = Number(at);
    if (!id || !Number.isSafeInteger(startedAt)) throw new Error('bad cursor');
    return { startedAt, id };
  } catch {
    throw invalid([{ path: 'cursor', message: 'is not a cursor this API returned' }]);
  }
}

export async function listIncidents({
  deps,
  query,
}: {
  deps: Deps;
  query: ListIncidentsQuery;
}): Promise<{ incidents: Incident[]; nextCursor: string | null }> {
  const statuses = query.status?.flatMap((s): IncidentStatus[] =>
    s === 'open' ? ['investigating', 'identified', 'monitoring'] : [s],
  );
  const page = await deps.store.incidents.list({
    statuses,
    severities: query.severity,
    startedFrom: query.startedFrom,
    startedTo: query.startedTo,
    before: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const incidents = page.slice(0, query.limit);
  const last = incidents.at(-1);
  return { incidents, nextCursor: page.length > query.limit && last ? encodeCursor(last) : null };
}

export async function listIncidentUpdates({ deps, id }: { deps: Deps; id: string }): Promise<IncidentUpdate[]> {
  await getIncident({ deps, id });
  return deps.store.incidents.listUpdates(id);
}

function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Applies a change of status (and optionally components) and records it; shared by update, post-update and resolve. */
async function amend({
  deps,
  current,
  next,
  message,
  action,
  actor,
}: {
  deps: Deps;
  current: Incident;
  next: Incident;
  message: string | undefined;
  action: string;
  actor: Actor;
}): Promise<{ incident: Incident; update: IncidentUpdate | null }> {
  const now = next.updatedAt;
  assertTimeline(next);
  if (next.lead.webhookUrl !== current.lead.webhookUrl) assertLeadWebhook(deps, next);
  const statusChanged = next.status !== current.status;
  const update: IncidentUpdate | null =
    message !== undefined || statusChanged
      ? {
          id: newId('upd'),
          incidentId: next.id,
          status: next.status,
          body: message ?? DEFAULT_MESSAGES[next.status],
          createdAt: now,
        }
      : null;
  await deps.store.incidents.write(
    next.id,
    {
      incident: next,
      replaceComponents: next.components,
      componentStatuses: await componentStatusesAfter(deps, next, current.components, now),
      update: update ?? undefined,
      audit: { actor, action, targetType: 'incident', targetId: next.id, at: now },
      events: eventList(incidentEvent(newId('evt'), current, next, update, deps.config.publicUrl)),
    },
    false,
  );
  return { incident: next, update };
}

export async function updateIncident({
  deps,
  id,
  input,
  actor,
}: {
  deps: Deps;
  id: string;
  input: UpdateIncidentInput;
  actor: Actor;
}): Promise<Incident> {
  const current = await getIncident({ deps, id });
  await assertComponentsExist(
    deps,
    (input.components ?? []).map((c) => c.id),
    (i) => `components.${i}.id`,
  );
  const now = deps.clock();
  const { lead, message, ...fields } = input;
  const next: Incident = {
    ...current,
    ...defined(fields),
    lead: { ...current.lead, ...defined(lead ?? {}) },
    components: input.components ?? current.components,
    updatedAt: now,
  };
  if (next.status === 'resolved' && next.resolvedAt === null) next.resolvedAt = now;
  if (next.status !== 'resolved' && input.resolvedAt === undefined && current.status === 'resolved') {
    next.resolvedAt = null; // reopened
  }
  if (input.resolvedAt != null && input.status === undefined) next.status = 'resolved';
  return (await amend({ deps, current, next, message, action: 'incident.update', actor })).incident;
}

export async function postIncidentUpdate({
  deps,
  id,
  input,
  actor,
}: {
  deps: Deps;
  id: string;
  input: CreateUpdateInput;
  actor: Actor;
}): Promise<{ incident: Incident; update: IncidentUpdate }> {
  const current = await getIncident({ deps, id });
  await assertComponentsExist(
    deps,
    (input.components ?? []).map((c) => c.id),
    (i) => `components.${i}.id`,
  );
  const now = deps.clock();
  const next: Incident = {
    ...current,
    status: input.status,
    resolvedAt: input.status === 'resolved' ? (current.resolvedAt ?? now) : null,
    components: input.components ?? current.components,
    updatedAt: now,
  };
  const result = await amend({ deps, current, next, message: input.body, action: 'incident.update.post', actor });
  if (!result.update) throw new DomainError('internal_error', 'An update with a body always records a timeline entry.');
  return { incident: result.incident, update: result.update };
}

export async function resolveIncident({
  deps,
  id,
  input,
  actor,
}: {
  deps: Deps;
  id: string;
  input: ResolveIncidentInput;
  actor: Actor;
}): Promise<Incident> {
  const current = await getIncident({ deps, id });
  const now = deps.clock();
  if (current.status === 'resolved' && input.resolvedAt === undefined && input.message === undefined) return current;
  const next: Incident = {
    ...current,
    status: 'resolved',
    resolvedAt: input.resolvedAt ?? current.resolvedAt ?? now,
    updatedAt: now,
  };
  return (await amend({ deps, current, next, message: input.message, action: 'incident.resolve', actor })).incident;
}
