// /history.atom and /history.rss: public incidents with their updates and published summaries.
import { Feed } from 'feed';
import { formatUtc } from '../../core/public/history';
import type { PublicIncident, StatusSnapshot } from '../../core/public/snapshot';
import { incidentImpact } from '../../core/public/status';
import { INCIDENT_STATUS_LABEL } from './views/parts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function itemHtml(i: PublicIncident, summaries: Map<string, string>): string {
  const parts = [...i.updates]
    .reverse()
    .map(
      (u) =>
        `<p><strong>${INCIDENT_STATUS_LABEL[u.status]}</strong> (${formatUtc(u.createdAt)}): ${escapeHtml(u.body)}</p>`,
    );
  if (i.summary) {
    parts.push(`<h2>Customer summary</h2>${summaries.get(i.id) ?? ''}`);
  }
  return parts.join('\n');
}

/** `summaries`: incident id -> the published summary as safe HTML. */
export function buildFeed(s: StatusSnapshot, incidents: PublicIncident[], summaries: Map<string, string>): Feed {
  const url = s.page.url;
  const name = s.page.settings.name;
  const feed = new Feed({
    id: `${url}/`,
    title: `${name} status: incident history`,
    description: `Incidents, updates and customer summaries from the ${name} status page.`,
    link: `${url}/`,
    language: 'en',
    updated: new Date(s.page.updatedAt || s.now),
    generator: 'Afterword',
    feedLinks: { atom: `${url}/history.atom`, rss: `${url}/history.rss` },
    copyright: name,
  });
  for (const i of incidents) {
    const newest = Math.max(i.updatedAt, i.summary?.publishedAt ?? 0, ...i.updates.map((u) => u.createdAt));
    const link = `${url}/incidents/${i.id}`;
    feed.addItem({
      id: link,
      guid: link,
      link,
      title: `${i.title} (${INCIDENT_STATUS_LABEL[i.status]}, ${incidentImpact(i)} impact)`,
      date: new Date(newest),
      published: new Date(i.startedAt),
      description: i.updates.at(-1)?.body ?? i.title,
      content: itemHtml(i, summaries),
    });
  }
  return feed;
}
