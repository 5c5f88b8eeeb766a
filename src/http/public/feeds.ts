// /history.atom, /history.rss and /maintenance.ics: public incidents (with their updates and published
// summaries) and scheduled maintenance, optionally for one component or group (`?component=ID`).
// Written by hand with strict escaping: every text passes `xmlText`, which escapes markup and drops
// what XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF), so any XML
// parser accepts the feed whatever a writer pasted. No XML library reaches the Worker bundle.
import { formatUtc } from '../../core/public/history';
import type { PublicIncident, StatusSnapshot } from '../../core/public/snapshot';
import { effectiveMaintenanceStatus, incidentImpact } from '../../core/public/status';
import type { Maintenance } from '../../core/types';
import { INCIDENT_STATUS_LABEL, MAINTENANCE_STATUS_LABEL } from './views/parts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const XML_FORBIDDEN = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text (or an attribute value) as XML 1.0 accepts it: escaped, forbidden characters dropped. */
export function xmlText(s: string): string {
  return s.replace(XML_FORBIDDEN, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

const escapeHtml = xmlText;

/** What a feed lists: incidents and maintenance windows, each one entry. */
export interface FeedInput {
  snapshot: StatusSnapshot;
  incidents: PublicIncident[];
  /** incident id -> the published summary as safe HTML. */
  summaries: Map<string, string>;
  maintenances: Maintenance[];
  /** The component or group the feed is filtered to (its name), or null for everything. */
  scope: { id: string; name: string } | null;
}

interface Item {
  id: string;
  link: string;
  title: string;
  updated: number;
  published: number;
  summary: string;
  html: string;
}

function incidentItem(url: string, i: PublicIncident, summaries: Map<string, string>): Item {
  const parts = [...i.updates]
    .reverse()
    .map(
      (u) =>
        `<p><strong>${INCIDENT_STATUS_LABEL[u.status]}</strong> (${formatUtc(u.createdAt)}): ${escapeHtml(u.body)}</p>`,
    );
  if (i.summary) parts.push(`<h2>Customer summary</h2>${summaries.get(i.id) ?? ''}`);
  const link = `${url}/incidents/${i.id}`;
  return {
    id: link,
    link,
    title: `${i.title} (${INCIDENT_STATUS_LABEL[i.status]}, ${incidentImpact(i)} impact)`,
    updated: Math.max(i.updatedAt, i.summary?.publishedAt ?? 0, ...i.updates.map((u) => u.createdAt)),
    published: i.startedAt,
    summary: i.updates.at(-1)?.body ?? i.title,
    html: parts.join('\n'),
  };
}

function maintenanceItem(url: string, m: Maintenance, now: number): Item {
  const status = MAINTENANCE_STATUS_LABEL[effectiveMaintenanceStatus(m, now)];
  const when = `${formatUtc(m.scheduledFor)} to ${formatUtc(m.scheduledUntil)}`;
  return {
    id: `${url}/#maintenance-${m.id}`,
    link: `${url}/#maintenance-${m.id}`,
    title: `Scheduled maintenance: ${m.title} (${status}, ${when})`,
    updated: m.updatedAt,
    published: m.createdAt,
    summary: m.body ?? `${status}, ${when}`,
    html: `<p><strong>${status}</strong>: ${when}</p>${m.body ? `<p>${escapeHtml(m.body)}</p>` : ''}`,
  };
}

function items(f: FeedInput): Item[] {
  const url = f.snapshot.page.url;
  return [
    ...f.incidents.map((i) => incidentItem(url, i, f.summaries)),
    ...f.maintenances.map((m) => maintenanceItem(url, m, f.snapshot.now)),
  ].sort((a, b) => b.updated - a.updated);
}

function titles(f: FeedInput) {
  const name = f.snapshot.page.settings.name;
  const scope = f.scope ? ` (${f.scope.name})` : '';
  return {
    name,
    title: `${name} status: incident history${scope}`,
    description: `Incidents, updates, customer summaries and scheduled maintenance from the ${name} status page${scope}.`,
    query: f.scope ? `?component=${encodeURIComponent(f.scope.id)}` : '',
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function atomFeed(f: FeedInput): string {
  const url = f.snapshot.page.url;
  const t = titles(f);
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `<id>${xmlText(`${url}/history.atom${t.query}`)}</id>`,
    `<title>${xmlText(t.title)}</title>`,
    `<subtitle>${xmlText(t.description)}</subtitle>`,
    `<updated>${iso(f.snapshot.page.updatedAt || f.snapshot.now)}</updated>`,
    `<link rel="alternate" type="text/html" href="${xmlText(`${url}/`)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(`${url}/history.atom${t.query}`)}"/>`,
    '<generator>Afterword</generator>',
    `<rights>${xmlText(t.name)}</rights>`,
  ];
  for (const item of items(f)) {
    out.push(
      '<entry>',
      `<id>${xmlText(item.id)}</id>`,
      `<title type="text">${xmlText(item.title)}</title>`,
      `<updated>${iso(item.updated)}</updated>`,
      `<published>${iso(item.published)}</published>`,
      `<link rel="alternate" type="text/html" href="${xmlText(item.link)}"/>`,
      `<summary type="text">${xmlText(item.summary)}</summary>`,
      `<content type="html">${xmlText(item.html)}</content>`,
      '</entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

export function rssFeed(f: FeedInput): string {
  const url = f.snapshot.page.url;
  const t = titles(f);
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel>',
    `<title>${xmlText(t.title)}</title>`,
    `<link>${xmlText(`${url}/`)}</link>`,
    `<description>${xmlText(t.description)}</description>`,
    '<language>en</language>',
    `<lastBuildDate>${new Date(f.snapshot.page.updatedAt || f.snapshot.now).toUTCString()}</lastBuildDate>`,
    '<generator>Afterword</generator>',
    `<copyright>${xmlText(t.name)}</copyright>`,
    `<atom:link href="${xmlText(`${url}/history.rss${t.query}`)}" rel="self" type="application/rss+xml"/>`,
  ];
  for (const item of items(f)) {
    out.push(
      '<item>',
      `<title>${xmlText(item.title)}</title>`,
      `<link>${xmlText(item.link)}</link>`,
      `<guid isPermaLink="${item.id === item.link ? 'true' : 'false'}">${xmlText(item.id)}</guid>`,
      `<pubDate>${new Date(item.updated).toUTCString()}</pubDate>`,
      `<description>${xmlText(item.summary)}</description>`,
      `<content:encoded>${xmlText(item.html)}</content:encoded>`,
      '</item>',
    );
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}

// iCalendar (RFC 5545): text values escape backslash, semicolon, comma and newlines; lines are folded
// at 75 octets; CRLF line ends.
const icsText = (s: string) =>
  s
    .replace(XML_FORBIDDEN, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in iCalendar text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n|\r/g, '\\n');
const icsTime = (ms: number) =>
  iso(ms)
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const encoder = new TextEncoder();

function fold(line: string): string {
  if (encoder.encode(line).byteLength <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).byteLength;
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** /maintenance.ics: upcoming and in-progress maintenance windows as VEVENTs. */
export function maintenanceCalendar(f: Pick<FeedInput, 'snapshot' | 'maintenances' | 'scope'>): string {
  const url = f.snapshot.page.url;
  const host = new URL(url).host || 'afterword';
  const name = f.snapshot.page.settings.name;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Afterword//Status page//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(`${name} scheduled maintenance${f.scope ? ` (${f.scope.name})` : ''}`)}`,
  ];
  const components = new Map(f.snapshot.components.map((c) => [c.id, c.name]));
  for (const m of f.maintenances) {
    const affected = m.components.map((id) => components.get(id)).filter((n): n is string => n !== undefined);
    const description = [m.body ?? '', affected.length ? `Affected: ${affected.join(', ')}` : '']
      .filter(Boolean)
      .join('\n\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:maintenance-${m.id}@${host}`,
      `DTSTAMP:${icsTime(m.updatedAt)}`,
      `LAST-MODIFIED:${icsTime(m.updatedAt)}`,
      `DTSTART:${icsTime(m.scheduledFor)}`,
      `DTEND:${icsTime(m.scheduledUntil)}`,
      `SUMMARY:${icsText(`Maintenance: ${m.title}`)}`,
      ...(description ? [`DESCRIPTION:${icsText(description)}`] : []),
      `URL:${url}/#maintenance-${m.id}`,
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
