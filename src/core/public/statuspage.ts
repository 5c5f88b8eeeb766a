// The Statuspage v2 public API shape (/api/v2/*.json): field names, nesting and enum values as
// Statuspage serves them, so clients and widgets written for Statuspage read an Afterword page.

import { worstComponentStatus } from '../status';
import type { Component, ComponentStatus, EpochMs, Maintenance } from '../types';
import type { PageInfo, PublicIncident, StatusSnapshot } from './snapshot';
import {
  effectiveMaintenanceStatus,
  incidentImpact,
  isMaintenanceActive,
  type OverallStatus,
  overallStatus,
  publicComponentStatus,
} from './status';
import { componentTree } from './tree';

const iso = (t: EpochMs) => new Date(t).toISOString();
const isoOrNull = (t: EpochMs | null) => (t === null ? null : iso(t));

export function v2Page(page: PageInfo) {
  return {
    id: page.id,
    name: page.settings.name,
    url: page.url,
    time_zone: 'Etc/UTC',
    updated_at: iso(page.updatedAt),
  };
}

/** Each component's status as the public sees it now (maintenance windows applied). */
export function publicStatuses(
  s: Pick<StatusSnapshot, 'components' | 'maintenances' | 'now'>,
): Map<string, ComponentStatus> {
  const active = s.maintenances.filter((m) => isMaintenanceActive(m, s.now));
  return new Map(s.components.map((c) => [c.id, publicComponentStatus(c, active)]));
}

/** The page's overall status now: every component as the public sees it, and every open public incident. */
export function snapshotStatus(s: StatusSnapshot): OverallStatus {
  return overallStatus([...publicStatuses(s).values()], s.open.map(incidentImpact));
}

export function v2Status(s: StatusSnapshot) {
  const o = snapshotStatus(s);
  return { indicator: o.indicator, description: o.description };
}

export type V2Component = ReturnType<typeof v2Component>;

function v2Component(c: Component, status: ComponentStatus, position: number, pageId: string) {
  return {
    id: c.id,
    name: c.name,
    status,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position,
    description: c.description,
    showcase: true as boolean,
    start_date: iso(c.createdAt).slice(0, 10) as string | null,
    group_id: c.groupId as string | null,
    page_id: pageId,
    group: false as boolean,
    only_show_if_degraded: false,
  };
}

/** Components in page order; each group is itself a component with `group: true` and its children's ids, as Statuspage does. */
export function v2Components(s: StatusSnapshot) {
  const statuses = publicStatuses(s);
  const pageId = s.page.id;
  const out: (V2Component | (V2Component & { components: string[] }))[] = [];
  let position = 1;
  for (const entry of componentTree(s.groups, s.components)) {
    if (entry.kind === 'component') {
      const c = entry.component;
      out.push(v2Component(c, statuses.get(c.id) ?? c.status, position++, pageId));
      continue;
    }
    const g = entry.group;
    out.push({
      id: g.id,
      name: g.name,
      status: worstComponentStatus(entry.children.map((c) => statuses.get(c.id) ?? c.status)),
      created_at: iso(g.createdAt),
      updated_at: iso(g.updatedAt),
      position: position++,
      description: g.description,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: entry.children.map((c) => c.id),
    });
    for (const c of entry.children) out.push(v2Component(c, statuses.get(c.id) ?? c.status, position++, pageId));
  }
  return out;
}

function byId(components: V2Component[]) {
  return new Map(components.map((c) => [c.id, c]));
}

export function v2Incident(inc: PublicIncident, s: StatusSnapshot, components = byId(v2Components(s))) {
  const monitoring = inc.updates.find((u) => u.status === 'monitoring');
  const newestFirst = [...inc.updates].reverse();
  const affected = inc.components.map((c) => components.get(c.id)).filter((c) => c !== undefined);
  return {
    id: inc.id,
    name: inc.title,
    status: inc.status,
    created_at: iso(inc.createdAt),
    updated_at: iso(inc.updatedAt),
    monitoring_at: isoOrNull(monitoring?.createdAt ?? null),
    resolved_at: isoOrNull(inc.resolvedAt),
    impact: incidentImpact(inc),
    shortlink: `${s.page.url}/incidents/${inc.id}`,
    started_at: iso(inc.startedAt),
    page_id: s.page.id,
    incident_updates: newestFirst.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: inc.id,
      created_at: iso(u.createdAt),
      updated_at: iso(u.editedAt ?? u.createdAt),
      display_at: iso(u.createdAt),
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: affected,
    // A published customer summary is this incident's postmortem.
    postmortem_body: inc.summary?.markdown ?? null,
    postmortem_published_at: isoOrNull(inc.summary?.publishedAt ?? null),
  };
}

export function v2Maintenance(m: Maintenance, s: StatusSnapshot, components = byId(v2Components(s))) {
  const status = effectiveMaintenanceStatus(m, s.now);
  return {
    id: m.id,
    name: m.title,
    status,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    monitoring_at: null,
    // Marked completed by a person before the end: when they did; otherwise (by the clock, whether or
    // not the notify tick has stored it yet) the end of the window, as the page has shown since.
    resolved_at:
      status !== 'completed'
        ? null
        : iso(m.status === 'completed' ? Math.min(m.updatedAt, m.scheduledUntil) : m.scheduledUntil),
    impact: 'maintenance' as const,
    shortlink: `${s.page.url}/#maintenance-${m.id}`,
    started_at: iso(m.scheduledFor),
    page_id: s.page.id,
    incident_updates: [
      {
        id: `${m.id}_u`,
        status,
        body: m.body ?? m.title,
        incident_id: m.id,
        created_at: iso(m.updatedAt),
        updated_at: iso(m.updatedAt),
        display_at: iso(m.updatedAt),
        affected_components: null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
    ],
    components: m.components.map((id) => components.get(id)).filter((c) => c !== undefined),
    scheduled_for: iso(m.scheduledFor),
    scheduled_until: iso(m.scheduledUntil),
  };
}

export function upcomingMaintenances(s: Pick<StatusSnapshot, 'maintenances' | 'now'>): Maintenance[] {
  return s.maintenances.filter((m) => effectiveMaintenanceStatus(m, s.now) === 'scheduled');
}

export function activeMaintenances(s: Pick<StatusSnapshot, 'maintenances' | 'now'>): Maintenance[] {
  return s.maintenances.filter((m) => isMaintenanceActive(m, s.now));
}

export function v2Summary(s: StatusSnapshot) {
  const components = v2Components(s);
  const index = byId(components);
  return {
    page: v2Page(s.page),
    status: v2Status(s),
    components,
    incidents: s.open.map((i) => v2Incident(i, s, index)),
    scheduled_maintenances: [...activeMaintenances(s), ...upcomingMaintenances(s)].map((m) =>
      v2Maintenance(m, s, index),
    ),
  };
}
