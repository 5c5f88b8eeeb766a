// Read models for the public page, feeds and v2 JSON: everything a visitor may see, loaded at `now`.
import { summaryCommitment } from '../core/public/commitment';
import { fnv1a } from '../core/public/hash';
import {
  defaultHistoryMonth,
  type HistoryFilter,
  type Month,
  matchesHistoryFilter,
  monthRange,
} from '../core/public/history';
import type { PageInfo, PublicIncident, StatusSnapshot, SummaryCommitment } from '../core/public/snapshot';
import { withoutPrivateImpacts } from '../core/public/status';
import { DAY_MS, utcDayStart } from '../core/public/uptime';
import { type TrackRecord, trackRecord } from '../core/sla/track-record';
import type { Component, ComponentGroup } from '../core/types';
import type { Deps } from './deps';
import { getPageSettings } from './page-settings';
import { getSlaPolicy, getSlaSettings } from './sla-settings';

export const UPTIME_DAYS = 90;
export const RECENT_DAYS = 14;

async function pageInfo(deps: Deps): Promise<PageInfo> {
  const [settings, lastChange] = await Promise.all([getPageSettings({ deps }), deps.store.public.lastChangeAt()]);
  return {
    // Stable across restarts and isolates: derived from the page's own address.
    id: fnv1a(deps.config.publicUrl) + fnv1a(`${deps.config.publicUrl}#page`).slice(0, 4),
    url: deps.config.publicUrl,
    settings,
    updatedAt: lastChange,
  };
}

/** Everything the home page, the badge and the v2 summary need. */
export async function loadStatusSnapshot({ deps }: { deps: Deps }): Promise<StatusSnapshot> {
  const now = deps.clock();
  const windowStart = utcDayStart(now) - (UPTIME_DAYS - 1) * DAY_MS;
  const recentStart = utcDayStart(now) - (RECENT_DAYS - 1) * DAY_MS;
  const [page, groups, stored, open, recent, maintenances, privateImpacts] = await Promise.all([
    pageInfo(deps),
    deps.store.components.listGroups(),
    deps.store.components.list(),
    deps.store.public.open(),
    deps.store.public.touching(windowStart, recentStart),
    deps.store.public.maintenances(),
    deps.store.public.privateOpenImpacts(),
  ]);
  // A private incident must not turn the page red with no incident on it to explain why.
  const components = withoutPrivateImpacts(stored, open, privateImpacts);
  // An open incident older than the store's scan bound still colours today's cells.
  const seen = new Set(recent.map((i) => i.id));
  const all = [...recent, ...open.filter((i) => !seen.has(i.id))];
  return { page, now, groups, components, open, recent: all, maintenances };
}

export interface IncidentPage {
  snapshot: StatusSnapshot;
  incident: PublicIncident;
  commitment: SummaryCommitment;
}

/** One public incident with its timeline, summary and commitment; null when unknown or not public. */
export async function loadIncidentPage({ deps, id }: { deps: Deps; id: string }): Promise<IncidentPage | null> {
  const [incident, snapshot, policy] = await Promise.all([
    deps.store.public.get(id),
    loadStatusSnapshot({ deps }),
    getSlaPolicy({ deps }),
  ]);
  if (!incident) return null;
  return { snapshot, incident, commitment: summaryCommitment(incident, policy) };
}

export interface HistoryPage {
  page: PageInfo;
  now: number;
  month: Month;
  /** Whether the month was asked for (`?month`) or chosen as the newest with incidents. */
  monthGiven: boolean;
  filter: HistoryFilter;
  /** The month's public incidents that pass the filter, newest first. */
  incidents: PublicIncident[];
  groups: ComponentGroup[];
  components: Component[];
  commitments: Map<string, SummaryCommitment>;
  /** Start of the oldest public incident (null: none at all), to bound the "older" link. */
  oldestStart: number | null;
  /** Summaries published within the commitment over the last 90 days. */
  trackRecord: TrackRecord;
}

export const TRACK_RECORD_DAYS = 90;

export type HistoryLoad = { ok: true; history: HistoryPage } | { ok: false; problem: 'unknown_component' };

/**
 * One month of public incident history, filtered. Without a month, the newest month that has
 * incidents (for the filtered component, when there is one), so the page never opens on an empty month.
 */
export async function loadHistoryMonth({
  deps,
  month: asked,
  filter = { component: null, severity: null },
}: {
  deps: Deps;
  month: Month | null;
  filter?: HistoryFilter;
}): Promise<HistoryLoad> {
  const now = deps.clock();
  const components = await deps.store.components.list();
  if (filter.component !== null && !components.some((c) => c.id === filter.component)) {
    return { ok: false, problem: 'unknown_component' };
  }
  const month = asked ?? defaultHistoryMonth(await deps.store.public.newestStart(filter.component), now);
  const { start, end } = monthRange(month);
  const [page, inMonth, groups, oldestStart, settings, lastDays] = await Promise.all([
    pageInfo(deps),
    deps.store.public.inRange(start, end),
    deps.store.components.listGroups(),
    deps.store.public.oldestStart(),
    getSlaSettings({ deps }),
    deps.store.public.inRange(now - TRACK_RECORD_DAYS * DAY_MS, now + 1),
  ]);
  const incidents = inMonth.filter((i) => matchesHistoryFilter(i, filter));
  const commitments = new Map(incidents.map((i) => [i.id, summaryCommitment(i, settings)]));
  const subjects = lastDays.map((i) => ({
    severity: i.severity,
    startedAt: i.startedAt,
    publishedAt: i.summary?.firstPublishedAt ?? null,
  }));
  return {
    ok: true,
    history: {
      page,
      now,
      month,
      monthGiven: asked !== null,
      filter,
      incidents,
      groups,
      components,
      commitments,
      oldestStart,
      trackRecord: trackRecord(subjects, settings, now, TRACK_RECORD_DAYS),
    },
  };
}

/** The newest public incidents (for incidents.json and the feeds). */
export async function loadLatestIncidents({ deps, limit }: { deps: Deps; limit: number }) {
  const [snapshot, incidents] = await Promise.all([loadStatusSnapshot({ deps }), deps.store.public.latest(limit)]);
  return { snapshot, incidents };
}
