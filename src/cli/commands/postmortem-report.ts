// `postmortem report DIR --since 90d`: the quarterly review as one HTML (or markdown) page with SVG
// charts. Reads the folder; with --url, also asks Afterword for the recorded times and when each
// customer summary was first published (read-only calls).
import { readFileSync, writeFileSync } from 'node:fs';
import { recordedInstants } from '../../core/postmortem/metrics';
import { readPostmortem } from '../../core/postmortem/model';
import { buildReport, periodStart, type ReportEntry, renderHtml, renderMarkdown } from '../../core/postmortem/report';
import type { CliContext } from '../context';
import { CliError } from '../errors';

export interface ReportOptions {
  since: string;
  format: 'html' | 'markdown';
  out?: string;
  url?: string;
  now?: string;
}

export async function runPostmortemReport(dir: string, opts: ReportOptions, ctx: CliContext): Promise<void> {
  const now = opts.now === undefined ? Date.now() : Date.parse(opts.now);
  if (Number.isNaN(now)) throw new CliError(`--now ${opts.now} is not an ISO-8601 instant`);
  const from = periodStart(opts.since, now);
  if (from === null) throw new CliError(`--since ${opts.since}: write e.g. 90d, 12w, 3m or 2026-09-01`);
  const { glob } = await import('tinyglobby');
  const files = (await glob('**/*.md', { cwd: dir, onlyFiles: true })).sort();
  if (files.length === 0) throw new CliError(`no markdown files under ${dir}`);
  const entries: ReportEntry[] = files
    .map((f) => ({ file: f, pm: readPostmortem(readFileSync(`${dir}/${f}`, 'utf8')) }))
    .filter((e) => e.pm.severity !== null);
  if (opts.url) await addRecorded(entries, opts.url, ctx);
  const report = buildReport(entries, { now, from });
  const page = opts.format === 'markdown' ? renderMarkdown(report) : renderHtml(report);
  if (opts.out) {
    writeFileSync(opts.out, page);
    ctx.stdout(`${opts.out}: ${report.rows.length} incident(s) from ${new Date(from).toISOString().slice(0, 10)}`);
  } else ctx.stdout(page);
}

async function addRecorded(entries: ReportEntry[], url: string, ctx: CliContext): Promise<void> {
  const { ApiClient, findIncidentByHeader } = await import('./postmortem-publish');
  const api = new ApiClient(url.replace(/\/+$/, ''), ctx.io.env.AFTERWORD_TOKEN ?? '');
  for (const e of entries) {
    const incident = e.pm.incidentId
      ? await api
          .call<Parameters<typeof recordedInstants>[0] & { id: string }>(
            'GET',
            `/incidents/${encodeURIComponent(e.pm.incidentId)}`,
          )
          .then((r) => (r.status === 200 ? r.body : null))
      : await findIncidentByHeader(api, e.pm);
    if (!incident) {
      e.recorded = null;
      continue;
    }
    e.recorded = recordedInstants(incident);
    const summary = await api.ok<{ versions: { publishedAt: string | null }[] }>(
      'GET',
      `/incidents/${encodeURIComponent(incident.id)}/summary`,
    );
    const times = summary.versions.flatMap((v) => (v.publishedAt ? [Date.parse(v.publishedAt)] : []));
    e.firstPublishedAt = times.length ? Math.min(...times) : null;
  }
}
