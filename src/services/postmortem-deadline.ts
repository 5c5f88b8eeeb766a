// The second SLA clock (issue 14): the internal postmortem is due N business days after resolution.
// The SLA tick queues its reminders to the incident lead through the same outbox (kind `sla`, types
// `postmortem.*`, checkpoints `postmortem-…`, so their dedupe keys never meet the summary clock's);
// recording the document's link stops it and cancels what is still pending.
import { invalid, notFound } from '../core/errors';
import type { SlaSettings } from '../core/sla/policy';
import {
  duePostmortemCheckpoint,
  type IncidentPostmortemClock,
  incidentPostmortemClock,
} from '../core/sla/postmortem-clock';
import { POSTMORTEM_URL_PROBLEM_TEXT, postmortemUrlProblem } from '../core/sla/postmortem-link';
import type { PostmortemLink } from '../core/sla/records';
import type { Actor, EpochMs } from '../core/types';
import type { Deps } from './deps';
import { queueCheckpoint, SLA_TICK_ACTOR } from './sla-outbox';
import { getSlaSettings } from './sla-settings';
import type { QueuedAlert } from './sla-tick';

const running = (c: IncidentPostmortemClock) =>
  c.state === 'pending' || c.state === 'due_soon' || c.state === 'breached';

/**
 * Queues the postmortem checkpoints due at `at` (the latest passed one per incident, once: UNIQUE
 * dedupe key) and cancels pending reminders of clocks that stopped (linked, reopened, no longer owed).
 */
export async function queuePostmortemAlerts({
  deps,
  at,
  settings,
}: {
  deps: Deps;
  at: EpochMs;
  settings: SlaSettings;
}): Promise<{ queued: QueuedAlert[]; settled: string[] }> {
  const store = deps.store.postmortems;
  const policy = settings.postmortem;
  const queued: QueuedAlert[] = [];
  const clocks = await store.running(policy.severities);
  const sent = await deps.store.sla.checkpointsByIncident(clocks.map((i) => i.id));
  for (const incident of clocks) {
    const clock = incidentPostmortemClock(incident, policy, at);
    const checkpoint = duePostmortemCheckpoint(clock, sent.get(incident.id) ?? new Set());
    if (!checkpoint) continue;
    queued.push(...(await queueCheckpoint(deps, incident, clock, checkpoint, settings, at)));
  }

  const settled: string[] = [];
  for (const incident of await store.incidentsByIds(await store.withPendingAlerts())) {
    if (running(incidentPostmortemClock(incident, policy, at))) continue;
    await store.cancelPending(incident.id, at, {
      actor: SLA_TICK_ACTOR,
      action: 'sla.postmortem.alerts.cancel',
      targetType: 'incident',
      targetId: incident.id,
      at,
    });
    settled.push(incident.id);
  }
  return { queued, settled };
}

export interface IncidentPostmortemView {
  incidentId: string;
  clock: IncidentPostmortemClock;
  link: PostmortemLink | null;
}

/** The postmortem clocks of these incidents at `now` (for the incident JSON of /api/v1). */
export async function postmortemClocks({
  deps,
  incidentIds,
  now = deps.clock(),
}: {
  deps: Deps;
  incidentIds: string[];
  now?: EpochMs;
}): Promise<Map<string, IncidentPostmortemClock>> {
  const [settings, incidents] = await Promise.all([
    getSlaSettings({ deps }),
    deps.store.postmortems.incidentsByIds(incidentIds),
  ]);
  return new Map(incidents.map((i) => [i.id, incidentPostmortemClock(i, settings.postmortem, now)]));
}

export async function getIncidentPostmortem({
  deps,
  incidentId,
}: {
  deps: Deps;
  incidentId: string;
}): Promise<IncidentPostmortemView> {
  const [settings, incident, link] = await Promise.all([
    getSlaSettings({ deps }),
    deps.store.postmortems.incident(incidentId),
    deps.store.postmortems.link(incidentId),
  ]);
  if (!incident) throw notFound('incident', incidentId);
  return { incidentId, clock: incidentPostmortemClock(incident, settings.postmortem, deps.clock()), link };
}

/**
 * Records the internal postmortem's link; the first recording stops the clock and cancels pending
 * reminders. Idempotent: the same URL again writes nothing (`changed: false`).
 */
export async function recordPostmortemLink({
  deps,
  incidentId,
  url,
  actor,
}: {
  deps: Deps;
  incidentId: string;
  url: string;
  actor: Actor;
}): Promise<IncidentPostmortemView & { changed: boolean }> {
  const problem = postmortemUrlProblem(url);
  if (problem) {
    throw invalid(
      [{ path: 'url', message: POSTMORTEM_URL_PROBLEM_TEXT[problem] }],
      'The postmortem link is not valid.',
    );
  }
  const existing = await deps.store.postmortems.link(incidentId);
  if (!existing && !(await deps.store.postmortems.incident(incidentId))) throw notFound('incident', incidentId);
  if (existing?.url === url) return { ...(await getIncidentPostmortem({ deps, incidentId })), changed: false };
  const at = deps.clock();
  await deps.store.postmortems.record({
    incidentId,
    url,
    at,
    linkedBy: actor.label,
    linkedByTokenId: actor.tokenId,
    audit: {
      actor,
      action: existing ? 'postmortem.link.update' : 'postmortem.link',
      targetType: 'incident',
      targetId: incidentId,
      at,
    },
  });
  return { ...(await getIncidentPostmortem({ deps, incidentId })), changed: true };
}
