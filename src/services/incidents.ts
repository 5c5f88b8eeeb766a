// Incidents: open, read, list, amend, post updates to, and resolve. Component statuses follow the
// open incidents that affect them (derived, not assigned: resolving one incident must not clear
// an outage another open incident still reports).
import { DomainError, invalid, notFound } from '../core/errors';
import { incidentEvent, updateRevisionEvent } from '../core/events';
import { incidentTimeProblems } from '../core/incident-rules';
import type {
  CreateIncidentInput,
  CreateUpdateInput,
  EditUpdateInput,
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
import { gatePublicText, type PublicTextFinding, type Warned, withWarnings } from './public-text-gate';
import { incidentTimesChanged } from './summary-staleness';

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
}): Promise<Incident & Warned> {
  const gate = await gatePublicText({
    deps,
    fields: { title: input.title, message: input.message },
    override: input.override,
  });
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
    editedAt: null,
  };
  await deps.store.incidents.write(
    incident.id,
    {
      incident,
      replaceComponents: incident.components,
      componentStatuses: await componentStatusesAfter(deps, incident, [], now),
      update,
      audit: {
        actor,
        action: 'incident.create',
        targetType: 'incident',
        targetId: incident.id,
        at: now,
        details: gate.auditDetails,
      },
      events: eventList(incidentEvent(newId('evt'), null, incident, update, deps.config.publicUrl)),
    },
    true,
  );
  return withWarnings(incident, gate);
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
  details,
}: {
  deps: Deps;
  current: Incident;
  next: Incident;
  message: string | undefined;
  action: string;
  actor: Actor;
  /** The live-text gate's audit details, when it let findings through. */
  details: Record<string, unknown> | undefined;
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
          editedAt: null,
        }
      : null;
  await deps.store.incidents.write(
    next.id,
    {
      incident: next,
      replaceComponents: next.components,
      componentStatuses: await componentStatusesAfter(deps, next, current.components, now),
      update: update ?? undefined,
      audit: { actor, action, targetType: 'incident', targetId: next.id, at: now, details },
      events: eventList(incidentEvent(newId('evt'), current, next, update, deps.config.publicUrl)),
    },
    false,
  );
  if (next.startedAt !== current.startedAt || next.resolvedAt !== current.resolvedAt) {
    await incidentTimesChanged({ deps, incident: next });
  }
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
}): Promise<Incident & Warned> {
  const gate = await gatePublicText({
    deps,
    fields: { title: input.title, message: input.message },
    override: input.override,
  });
  const current = await getIncident({ deps, id });
  await assertComponentsExist(
    deps,
    (input.components ?? []).map((c) => c.id),
    (i) => `components.${i}.id`,
  );
  const now = deps.clock();
  const { lead, message, override: _override, ...fields } = input;
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
  const { incident } = await amend({
    deps,
    current,
    next,
    message,
    action: 'incident.update',
    actor,
    details: gate.auditDetails,
  });
  return withWarnings(incident, gate);
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
}): Promise<{ incident: Incident; update: IncidentUpdate; warnings: PublicTextFinding[] }> {
  const gate = await gatePublicText({ deps, fields: { body: input.body }, override: input.override });
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
  const result = await amend({
    deps,
    current,
    next,
    message: input.body,
    action: 'incident.update.post',
    actor,
    details: gate.auditDetails,
  });
  if (!result.update) throw new DomainError('internal_error', 'An update with a body always records a timeline entry.');
  return { incident: result.incident, update: result.update, warnings: gate.warnings };
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
}): Promise<Incident & Warned> {
  const gate = await gatePublicText({ deps, fields: { message: input.message }, override: input.override });
  const current = await getIncident({ deps, id });
  const now = deps.clock();
  if (current.status === 'resolved' && input.resolvedAt === undefined && input.message === undefined) {
    return withWarnings(current, gate);
  }
  const next: Incident = {
    ...current,
    status: 'resolved',
    resolvedAt: input.resolvedAt ?? current.resolvedAt ?? now,
    updatedAt: now,
  };
  const { incident } = await amend({
    deps,
    current,
    next,
    message: input.message,
    action: 'incident.resolve',
    actor,
    details: gate.auditDetails,
  });
  return withWarnings(incident, gate);
}

async function getIncidentUpdate(
  deps: Deps,
  incidentId: string,
  updateId: string,
): Promise<{ incident: Incident; update: IncidentUpdate }> {
  const incident = await getIncident({ deps, id: incidentId });
  const update = await deps.store.incidents.getUpdate(incidentId, updateId);
  if (!update) throw notFound('update of incident', updateId);
  return { incident, update };
}

/** The event of an edit (`body`) or retraction (null) of `update`: who hears it is decided in core. */
async function revisionEvents(deps: Deps, incident: Incident, update: IncidentUpdate, body: string | null, at: number) {
  const timeline = await deps.store.incidents.listUpdates(incident.id);
  const latest = timeline.at(-1)?.id === update.id;
  return eventList(updateRevisionEvent(newId('evt'), incident, update, { body, at, latest }, deps.config.publicUrl));
}

/**
 * Corrects the text of a posted update (gated like posting it). Its status and time stay as posted;
 * the page, feeds and /api/v2 show the new text on the next read.
 */
export async function editIncidentUpdate({
  deps,
  incidentId,
  updateId,
  input,
  actor,
}: {
  deps: Deps;
  incidentId: string;
  updateId: string;
  input: EditUpdateInput;
  actor: Actor;
}): Promise<IncidentUpdate & Warned> {
  const gate = await gatePublicText({ deps, fields: { body: input.body }, override: input.override });
  const { incident, update: current } = await getIncidentUpdate(deps, incidentId, updateId);
  const now = deps.clock();
  await deps.store.incidents.reviseUpdate(
    { incidentId, updateId, body: input.body, at: now },
    {
      actor,
      action: 'incident.update.edit',
      targetType: 'incident_update',
      targetId: updateId,
      at: now,
      details: { incidentId, ...gate.auditDetails },
    },
    await revisionEvents(deps, incident, current, input.body, now),
  );
  return withWarnings({ ...current, body: input.body, editedAt: now }, gate);
}

/** Retracts a posted update: it disappears from the page, feeds and /api/v2 (the audit log keeps that it existed). */
export async function retractIncidentUpdate({
  deps,
  incidentId,
  updateId,
  actor,
}: {
  deps: Deps;
  incidentId: string;
  updateId: string;
  actor: Actor;
}): Promise<void> {
  const { incident, update } = await getIncidentUpdate(deps, incidentId, updateId);
  const now = deps.clock();
  await deps.store.incidents.reviseUpdate(
    { incidentId, updateId, body: null, at: now },
    {
      actor,
      action: 'incident.update.retract',
      targetType: 'incident_update',
      targetId: updateId,
      at: now,
      details: { incidentId },
    },
    await revisionEvents(deps, incident, update, null, now),
  );
}
