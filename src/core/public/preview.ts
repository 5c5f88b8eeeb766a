// What a link to the page says before anyone opens it: the tab title, the favicon's state and the
// description that chat apps and social sites show in a preview (OpenGraph/Twitter). Pure.
import type { EpochMs } from '../types';
import { formatUtc } from './history';
import type { PublicIncident } from './snapshot';
import { IMPACT_LABEL, incidentImpact, type OverallStatus } from './status';

/** Which favicon shows the page's state: one per indicator, plus maintenance. */
export type FaviconState = 'operational' | 'minor' | 'major' | 'critical' | 'maintenance';

export function faviconState(o: Pick<OverallStatus, 'indicator' | 'maintenance'>): FaviconState {
  if (o.maintenance) return 'maintenance';
  return o.indicator === 'none' ? 'operational' : o.indicator;
}

/**
 * The document title: the page's own title, then the page's name; while anything is wrong the
 * status comes first, so a tab (and a pasted link) reads "Major System Outage · ..." at a glance.
 */
export function documentTitle(pageName: string, own: string | undefined, o: OverallStatus | null): string {
  const base = own ? `${own} · ${pageName} status` : `${pageName} status`;
  if (o === null || faviconState(o) === 'operational') return base;
  return `${o.description} · ${base}`;
}

/** Previews cut descriptions around 200 characters: cut at a word, with an ellipsis. */
export const PREVIEW_CHARS = 200;

export function clip(text: string, max = PREVIEW_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

const STATUS_WORD: Record<PublicIncident['status'], string> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
};

/** The home page's description: the status, then what is going on (open incidents by title). */
export function homeDescription(pageName: string, o: OverallStatus, open: PublicIncident[], now: EpochMs): string {
  if (open.length === 0) {
    return clip(`${o.description} as of ${formatUtc(now)}. Live status and incident history of ${pageName}.`);
  }
  const titles = open.map((i) => `${i.title} (${STATUS_WORD[i.status]})`).join('; ');
  const label = open.length === 1 ? 'Active incident' : `${open.length} active incidents`;
  return clip(`${o.description} as of ${formatUtc(now)}. ${label}: ${titles}.`);
}

/** An incident's description: impact, state, start, then its newest public update. */
export function incidentDescription(i: PublicIncident): string {
  const newest = i.updates[i.updates.length - 1];
  const head = `${IMPACT_LABEL[incidentImpact(i)]} impact, ${STATUS_WORD[i.status]}. Started ${formatUtc(i.startedAt)}${
    i.resolvedAt === null ? '' : `, resolved ${formatUtc(i.resolvedAt)}`
  }.`;
  return clip(newest ? `${head} ${newest.body}` : head);
}
