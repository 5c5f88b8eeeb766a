// The quarterly review: one page over the postmortems of a period. Counts by severity and tag,
// the MTTR trend, systems behind several incidents, action items overdue or without a ticket, and
// the share of SEV-1s whose customer summary was published within 48 hours. Pure: `now` is given.
import { type IncidentMetrics, type Instants, metricsOf, timelineInstants } from './metrics';
import type { Postmortem } from './model';
import { formatDuration } from './times';
import { SEVERITIES } from './types';

export interface ReportEntry {
  file: string;
  pm: Postmortem;
  /** The API's recorded instants for the linked incident; undefined when not asked, null when not found. */
  recorded?: Instants | null;
  /** When its customer summary was first published (API); undefined: unknown, null: never. */
  firstPublishedAt?: number | null;
}

export interface ReportRow {
  file: string;
  title: string;
  severity: string;
  startedAt: number;
  tags: string[];
  rootCause: string | null;
  fromTimeline: IncidentMetrics;
  fromApi: IncidentMetrics | null;
}

export interface Report {
  from: number;
  to: number;
  rows: ReportRow[];
  bySeverity: [string, number][];
  byTag: [string, number][];
  repeated: { tag: string; incidents: ReportRow[] }[];
  overdue: { file: string; line: number; action: string; owner: string; due: string }[];
  ticketless: { file: string; line: number; action: string }[];
  sev1Summaries: { total: number; within48h: number; unknown: number };
}

const DAY = 86_400_000;

/** "90d", "12w", "3m" (30-day months) or an ISO date: the start of the period. */
export function periodStart(since: string, now: number): number | null {
  const m = /^(\d+)([dwm])$/.exec(since.trim());
  if (m) return now - Number(m[1]) * (m[2] === 'w' ? 7 : m[2] === 'm' ? 30 : 1) * DAY;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(since.trim());
  return d ? Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) : null;
}

export function buildReport(entries: ReportEntry[], { now, from }: { now: number; from: number }): Report {
  const rows: ReportRow[] = [];
  const overdue: Report['overdue'] = [];
  const ticketless: Report['ticketless'] = [];
  let total = 0;
  let within48h = 0;
  let unknown = 0;
  for (const e of entries) {
    const instants = timelineInstants(e.pm);
    const start = instants.startedAt;
    if (start === null || start < from || start > now || !e.pm.severity) continue;
    rows.push({
      file: e.file,
      title: e.pm.title ?? e.file,
      severity: e.pm.severity,
      startedAt: start,
      tags: e.pm.tags,
      rootCause: e.pm.rootCause?.text || null,
      fromTimeline: metricsOf(instants),
      fromApi: e.recorded ? metricsOf(e.recorded) : null,
    });
    for (const a of e.pm.actionItems.rows) {
      const action = a.action?.text ?? '(no action)';
      if (!a.done && a.dueMs !== null && a.dueMs + DAY <= now) {
        overdue.push({ file: e.file, line: a.line, action, owner: a.owner?.text ?? '', due: a.due?.text ?? '' });
      }
      if (!a.ticket || /^(?:-+|—|tbd|none|n\/a)$/i.test(a.ticket.text))
        ticketless.push({ file: e.file, line: a.line, action });
    }
    if (e.pm.severity === 'SEV-1') {
      total++;
      const recordedStart = e.recorded?.startedAt ?? start;
      if (e.firstPublishedAt === undefined) unknown++;
      else if (e.firstPublishedAt !== null && e.firstPublishedAt - recordedStart <= 48 * 3_600_000) within48h++;
    }
  }
  rows.sort((a, b) => a.startedAt - b.startedAt);
  const count = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const sev = count(rows.map((r) => r.severity));
  const tags = count(rows.flatMap((r) => r.tags));
  const byTag = [...tags.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    from,
    to: now,
    rows,
    bySeverity: SEVERITIES.map((s) => [s, sev.get(s) ?? 0]),
    byTag,
    repeated: byTag
      .filter(([, n]) => n >= 2)
      .map(([tag]) => ({ tag, incidents: rows.filter((r) => r.tags.includes(tag)) })),
    overdue,
    ticketless,
    sev1Summaries: { total, within48h, unknown },
  };
}

// ------------------------------------------------------------------------------------- rendering

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const mins = (m: number | null) => (m === null ? '–' : formatDuration(m));

export function barChart(title: string, bars: [string, number][]): string {
  const rowH = 22;
  const labelW = 150;
  const width = 520;
  const max = Math.max(1, ...bars.map(([, n]) => n));
  const h = 30 + bars.length * rowH + 10;
  const body = bars
    .map(([label, n], i) => {
      const y = 30 + i * rowH;
      const w = Math.round(((width - labelW - 50) * n) / max);
      return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(label)}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="#3b6fb6"><title>${esc(label)}: ${n}</title></rect><text x="${labelW + w + 6}" y="${y + 15}">${n}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" font-family="sans-serif" font-size="12"><text x="0" y="16" font-weight="bold" font-size="14">${esc(title)}</text>${body}</svg>`;
}

export function trendChart(title: string, points: { x: number; y: number; label: string }[]): string {
  const width = 520;
  const height = 220;
  const left = 60;
  const bottom = 30;
  const top = 30;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12"><text x="0" y="16" font-weight="bold" font-size="14">${esc(title)}</text>`;
  if (points.length === 0)
    return `${head}<text x="${left}" y="${height / 2}">no resolved incidents in the period</text></svg>`;
  const xs = points.map((p) => p.x);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(1, ...points.map((p) => p.y));
  const px = (x: number) => left + (x1 === x0 ? (width - left - 20) / 2 : ((x - x0) / (x1 - x0)) * (width - left - 20));
  const py = (y: number) => height - bottom - (y / yMax) * (height - bottom - top);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
  const dots = points
    .map(
      (p) =>
        `<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4" fill="#b6433b"><title>${esc(p.label)}: ${esc(formatDuration(p.y))}</title></circle>`,
    )
    .join('');
  const axes = `<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#888"/><line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#888"/><text x="${left - 6}" y="${top + 4}" text-anchor="end">${esc(formatDuration(yMax))}</text><text x="${left - 6}" y="${height - bottom}" text-anchor="end">0</text><text x="${left}" y="${height - 8}">${day(x0)}</text><text x="${width - 10}" y="${height - 8}" text-anchor="end">${day(x1)}</text>`;
  return `${head}${axes}<path d="${path}" fill="none" stroke="#b6433b" stroke-width="2"/>${dots}</svg>`;
}

function charts(r: Report): string[] {
  return [
    barChart('Incidents by severity', r.bySeverity),
    barChart('Incidents by tag', r.byTag.slice(0, 15)),
    trendChart(
      'MTTR by incident (timeline)',
      r.rows.flatMap((x) =>
        x.fromTimeline.mttr === null ? [] : [{ x: x.startedAt, y: x.fromTimeline.mttr, label: x.title }],
      ),
    ),
  ];
}

function share(r: Report): string {
  const s = r.sev1Summaries;
  if (s.total === 0) return 'No SEV-1 in the period.';
  const known = s.total - s.unknown;
  if (known === 0) {
    return `${s.total} SEV-1(s) in the period; when their customer summaries were published is unknown (run with --url to ask Afterword).`;
  }
  const pct = Math.round((100 * s.within48h) / known);
  return `${s.within48h} of ${known} SEV-1(s) (${pct}%) had the customer summary published within 48 hours of the start${s.unknown ? `; ${s.unknown} unknown (run with --url to ask Afterword)` : ''}.`;
}

export function renderMarkdown(r: Report): string {
  const [sevChart, tagChart, trend] = charts(r);
  const out = [
    `# Postmortem review ${day(r.from)} – ${day(r.to)}`,
    '',
    `${r.rows.length} incident(s) with a postmortem in the period.`,
    '',
    sevChart,
    '',
    tagChart,
    '',
    '## Detection and response',
    '',
    trend,
    '',
    '| Incident | Severity | Started | MTTD | MTTA | MTTR | MTTR (Afterword) |',
    '|---|---|---|---|---|---|---|',
    ...r.rows.map(
      (x) =>
        `| ${x.title.replace(/\|/g, '\\|')} | ${x.severity} | ${day(x.startedAt)} | ${mins(x.fromTimeline.mttd)} | ${mins(x.fromTimeline.mtta)} | ${mins(x.fromTimeline.mttr)} | ${x.fromApi ? mins(x.fromApi.mttr) : '–'} |`,
    ),
    '',
    '## Repeated systems',
    '',
    ...(r.repeated.length === 0
      ? ['No system is behind more than one incident.']
      : r.repeated.flatMap((g) => [
          `- **${g.tag}** (${g.incidents.length} incidents)`,
          ...g.incidents.map((x) => `  - ${day(x.startedAt)} ${x.title}: ${x.rootCause ?? 'no root cause written'}`),
        ])),
    '',
    '## Action items',
    '',
    `Overdue: ${r.overdue.length}. Without a ticket: ${r.ticketless.length}.`,
    '',
    ...r.overdue.map((a) => `- overdue since ${a.due}: ${a.action} (${a.owner}) — ${a.file}:${a.line}`),
    ...r.ticketless.map((a) => `- no ticket: ${a.action} — ${a.file}:${a.line}`),
    '',
    '## Customer summaries',
    '',
    share(r),
    '',
  ];
  return out.join('\n');
}

export function renderHtml(r: Report): string {
  const [sevChart, tagChart, trend] = charts(r);
  const table = r.rows
    .map(
      (x) =>
        `<tr><td>${esc(x.title)}</td><td>${x.severity}</td><td>${day(x.startedAt)}</td><td>${mins(x.fromTimeline.mttd)}</td><td>${mins(x.fromTimeline.mtta)}</td><td>${mins(x.fromTimeline.mttr)}</td><td>${x.fromApi ? mins(x.fromApi.mttr) : '–'}</td></tr>`,
    )
    .join('\n');
  const repeated =
    r.repeated.length === 0
      ? '<p>No system is behind more than one incident.</p>'
      : `<ul>${r.repeated
          .map(
            (g) =>
              `<li><strong>${esc(g.tag)}</strong> (${g.incidents.length} incidents)<ul>${g.incidents.map((x) => `<li>${day(x.startedAt)} ${esc(x.title)}: ${esc(x.rootCause ?? 'no root cause written')}</li>`).join('')}</ul></li>`,
          )
          .join('')}</ul>`;
  const items = [
    ...r.overdue.map(
      (a) => `<li>overdue since ${esc(a.due)}: ${esc(a.action)} (${esc(a.owner)}) — ${esc(a.file)}:${a.line}</li>`,
    ),
    ...r.ticketless.map((a) => `<li>no ticket: ${esc(a.action)} — ${esc(a.file)}:${a.line}</li>`),
  ].join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Postmortem review ${day(r.from)} – ${day(r.to)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}td:nth-child(n+2){white-space:nowrap}.charts{display:flex;flex-wrap:wrap;gap:1rem}</style></head>
<body><h1>Postmortem review ${day(r.from)} – ${day(r.to)}</h1>
<p>${r.rows.length} incident(s) with a postmortem in the period.</p>
<div class="charts">${sevChart}${tagChart}</div>
<h2>Detection and response</h2>${trend}
<table><thead><tr><th>Incident</th><th>Severity</th><th>Started</th><th>MTTD</th><th>MTTA</th><th>MTTR</th><th>MTTR (Afterword)</th></tr></thead><tbody>
${table}
</tbody></table>
<h2>Repeated systems</h2>${repeated}
<h2>Action items</h2><p>Overdue: ${r.overdue.length}. Without a ticket: ${r.ticketless.length}.</p><ul>${items}</ul>
<h2>Customer summaries</h2><p>${esc(share(r))}</p>
</body></html>
`;
}
