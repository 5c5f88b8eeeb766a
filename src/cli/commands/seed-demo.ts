// `seed-demo`: fills the database (DATABASE_PATH) with a realistic demo status page: groups,
// ten components, open incidents, maintenance, months of history and a published customer summary.
import type { Command } from 'commander';
import type { Actor, ComponentStatus, Severity } from '../../core/types';
import { createComponent, createGroup } from '../../services/components';
import type { Deps } from '../../services/deps';
import { createIncident, postIncidentUpdate, resolveIncident } from '../../services/incidents';
import { createMaintenance } from '../../services/maintenances';
import { updatePageSettings } from '../../services/page-settings';
import { publishSummary, saveSummaryDraft } from '../../services/summaries';
import { type CliContext, CliError } from '../context';

const ACTOR: Actor = { tokenId: null, label: 'cli:seed-demo' };
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface SeedOptions {
  now: number;
  /** Resolved incidents spread over `historyDays` before now. */
  pastIncidents: number;
  historyDays: number;
  /** Open incidents right now (at most 3 distinct scenarios). */
  openIncidents: number;
  seed?: number;
}

/** A small deterministic PRNG (mulberry32), so a demo page looks the same every time it is seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PAST = [
  { title: 'Elevated API error rates', body: 'Requests to the API returned errors for some customers.' },
  { title: 'Delayed webhook deliveries', body: 'Webhook deliveries were queued and arrived late.' },
  { title: 'Slow dashboard loading', body: 'The dashboard took longer than usual to load.' },
  { title: 'Search results out of date', body: 'New records took longer than usual to appear in search.' },
  { title: 'Login failures for SSO users', body: 'Some customers signing in with SSO saw an error.' },
  { title: 'Email notifications delayed', body: 'Notification emails were delayed by up to an hour.' },
  { title: 'File uploads failing', body: 'Uploading files failed for some customers.' },
  { title: 'Increased latency in EU region', body: 'Requests in the EU region were slower than usual.' },
];

/** The pieces of a summary's dates: "2026-11-26", "14:05" (both UTC), and "26 November 2026" for due dates. */
const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const utcTime = (t: number) => new Date(t).toISOString().slice(11, 16);
const longDate = (t: number) =>
  new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A short customer summary of a past incident, in the four sections, times in UTC. */
export function pastSummary(what: string, startedAt: number, resolvedAt: number, components: string[]): string {
  return [
    '## What happened',
    '',
    `On ${utcDay(startedAt)}, from ${utcTime(startedAt)} to ${utcTime(resolvedAt)} UTC: ${what}`,
    '',
    '## Who was affected',
    '',
    `Customers using ${components.join(' and ')}.`,
    '',
    '## What we did',
    '',
    'We found the cause, rolled out a fix and watched the service until it was stable again.',
    '',
    '## What we are doing to prevent it',
    '',
    `- We are adding an alert so that we notice this kind of problem sooner, by ${longDate(startedAt + 30 * DAY)}.`,
    '',
  ].join('\n');
}

/** Fills `deps`' database; `deps.clock` is replaced per step so every record carries its own moment. */
export async function seedDemo(base: Deps, opts: SeedOptions): Promise<{ components: number; incidents: number }> {
  let at = opts.now - opts.historyDays * DAY - 7 * DAY;
  const deps: Deps = { ...base, clock: () => at };
  const rand = prng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  // Through the same verbs as the API: a draft is saved, then published only if it passes the gate.
  const publish = async (incidentId: string, markdown: string, publishedAt: number) => {
    const then: Deps = { ...base, clock: () => publishedAt };
    await saveSummaryDraft({ deps: then, incidentId, input: { markdown }, actor: ACTOR });
    await publishSummary({ deps: then, incidentId, actor: ACTOR });
  };

  await updatePageSettings({
    deps,
    input: {
      name: 'Acme Cloud',
      logoUrl: null,
      brandColor: '#6639ba',
      footerLinks: [
        { label: 'Acme home', url: 'https://acme.example' },
        { label: 'Support', url: 'mailto:support@acme.example' },
      ],
    },
    actor: ACTOR,
  });
  const platform = await createGroup({ deps, input: { name: 'Platform', position: 1 }, actor: ACTOR });
  const data = await createGroup({ deps, input: { name: 'Data', position: 3 }, actor: ACTOR });
  const spec: [string, string | null, number, string | null][] = [
    ['Authentication', null, 0, 'Sign-in, SSO and API keys'],
    ['API', platform.id, 0, 'REST and GraphQL API'],
    ['Dashboard', platform.id, 1, null],
    ['Webhooks', platform.id, 2, 'Outbound event delivery'],
    ['Database', data.id, 0, null],
    ['Search', data.id, 1, null],
    ['File storage', data.id, 2, null],
    ['Email delivery', null, 4, null],
    ['Billing', null, 5, null],
    ['CDN', null, 6, 'Static assets and downloads'],
  ];
  const ids: Record<string, string> = {};
  for (const [name, groupId, position, description] of spec) {
    const c = await createComponent({ deps, input: { name, groupId, position, description }, actor: ACTOR });
    ids[name] = c.id;
  }
  const componentIds = Object.values(ids);
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));

  let incidents = 0;
  const starts = Array.from(
    { length: opts.pastIncidents },
    () => opts.now - 2 * HOUR - rand() * opts.historyDays * DAY,
  ).sort((a, b) => a - b);
  for (const startedAt of starts) {
    const kind = pick(PAST);
    const severity: Severity = rand() < 0.15 ? 'SEV-1' : rand() < 0.7 ? 'SEV-2' : 'SEV-3';
    const impact: ComponentStatus =
      severity === 'SEV-1' ? 'major_outage' : rand() < 0.5 ? 'partial_outage' : 'degraded_performance';
    const affected = [...new Set([pick(componentIds), ...(rand() < 0.3 ? [pick(componentIds)] : [])])];
    const duration = Math.max(5 * MIN, Math.round(rand() * rand() * 6 * HOUR));
    at = startedAt + 3 * MIN;
    const inc = await createIncident({
      deps,
      input: {
        title: kind.title,
        severity,
        startedAt,
        lead: { name: 'On-call engineer' },
        components: affected.map((id) => ({ id, status: impact })),
        message: `We are investigating reports: ${kind.body.toLowerCase()}`,
      },
      actor: ACTOR,
    });
    at = startedAt + Math.min(duration / 2, 40 * MIN);
    await postIncidentUpdate({
      deps,
      id: inc.id,
      input: { status: 'identified', body: 'We have identified the cause and are rolling out a fix.' },
      actor: ACTOR,
    });
    at = startedAt + duration;
    await resolveIncident({
      deps,
      id: inc.id,
      input: {
        resolvedAt: startedAt + duration,
        message: 'This incident has been resolved. Everything is working normally.',
      },
      actor: ACTOR,
    });
    // SEV-1 and SEV-2 owe customers a summary: most are published within the 48 hours, a few late.
    if (severity !== 'SEV-3') {
      const publishedAt = startedAt + (rand() < 0.9 ? 20 + rand() * 26 : 50 + rand() * 20) * HOUR;
      if (publishedAt < opts.now) {
        const markdown = pastSummary(
          kind.body,
          startedAt,
          startedAt + duration,
          affected.map((id) => names.get(id) ?? 'the service'),
        );
        await publish(inc.id, markdown, publishedAt);
      }
    }
    incidents++;
  }

  // A recent, published customer summary (SEV-1, published within the commitment).
  const sevOneStart = opts.now - 5 * DAY - 3 * HOUR;
  at = sevOneStart + 4 * MIN;
  const outage = await createIncident({
    deps,
    input: {
      title: 'API and dashboard unavailable',
      severity: 'SEV-1',
      startedAt: sevOneStart,
      lead: { name: 'On-call engineer' },
      components: [
        { id: ids.API ?? '', status: 'major_outage' },
        { id: ids.Dashboard ?? '', status: 'major_outage' },
      ],
      message: 'The API and dashboard are not responding. We are investigating.',
    },
    actor: ACTOR,
  });
  at = sevOneStart + 25 * MIN;
  await postIncidentUpdate({
    deps,
    id: outage.id,
    input: {
      status: 'identified',
      body: 'A configuration change overloaded our load balancers. We are rolling it back.',
    },
    actor: ACTOR,
  });
  at = sevOneStart + 50 * MIN;
  await postIncidentUpdate({
    deps,
    id: outage.id,
    input: {
      status: 'monitoring',
      body: 'The change is rolled back and requests are succeeding again. We are watching closely.',
    },
    actor: ACTOR,
  });
  at = sevOneStart + 80 * MIN;
  await resolveIncident({
    deps,
    id: outage.id,
    input: { resolvedAt: sevOneStart + 62 * MIN, message: 'This incident has been resolved.' },
    actor: ACTOR,
  });
  const summary = [
    '## What happened',
    '',
    `On ${utcDay(sevOneStart)}, from ${utcTime(sevOneStart)} to ${utcTime(sevOneStart + 62 * MIN)} UTC,`,
    'requests to the API and the dashboard failed. A configuration change to our load balancers limited the',
    'number of connections each could accept, and they rejected most requests.',
    '',
    '## Who was affected',
    '',
    'Every customer using the API or the dashboard during those 62 minutes.',
    '',
    '## What we did',
    '',
    'We rolled the change back; requests succeeded again from the moment it was undone.',
    '',
    '## What we are doing to prevent it',
    '',
    `- Configuration changes to load balancers will roll out region by region, with automatic rollback, by ${longDate(sevOneStart + 21 * DAY)}.`,
    `- We are adding an alert on rejected connections, so that we notice within a minute, by ${longDate(sevOneStart + 14 * DAY)}.`,
    '',
    'We are sorry for the disruption. If you were affected and have questions, contact support.',
  ].join('\n');
  await publish(outage.id, summary, sevOneStart + 30 * HOUR);
  incidents++;

  // Open incidents, now.
  const open: {
    title: string;
    severity: Severity;
    component: string;
    status: ComponentStatus;
    ago: number;
    update?: string;
  }[] = [
    {
      title: 'Search indexing delayed',
      severity: 'SEV-2',
      component: 'Search',
      status: 'degraded_performance',
      ago: 95 * MIN,
      update: 'Indexing is catching up; new records currently take about 10 minutes to appear in search.',
    },
    {
      title: 'Some webhook deliveries failing',
      severity: 'SEV-2',
      component: 'Webhooks',
      status: 'partial_outage',
      ago: 35 * MIN,
    },
    { title: 'Billing page errors', severity: 'SEV-2', component: 'Billing', status: 'partial_outage', ago: 10 * MIN },
  ];
  for (const o of open.slice(0, opts.openIncidents)) {
    at = opts.now - o.ago + 2 * MIN;
    const inc = await createIncident({
      deps,
      input: {
        title: o.title,
        severity: o.severity,
        startedAt: opts.now - o.ago,
        lead: { name: 'On-call engineer' },
        components: [{ id: ids[o.component] ?? '', status: o.status }],
      },
      actor: ACTOR,
    });
    if (o.update) {
      at = opts.now - o.ago / 3;
      await postIncidentUpdate({ deps, id: inc.id, input: { status: 'identified', body: o.update }, actor: ACTOR });
    }
    incidents++;
  }

  at = opts.now - DAY;
  await createMaintenance({
    deps,
    input: {
      title: 'Database upgrade',
      body: 'We are upgrading the primary database. Writes may pause for up to two minutes during the switchover.',
      scheduledFor: opts.now + 2 * DAY,
      scheduledUntil: opts.now + 2 * DAY + 2 * HOUR,
      components: [ids.Database ?? ''],
    },
    actor: ACTOR,
  });
  at = opts.now;
  return { components: componentIds.length, incidents };
}

export function registerSeedDemo(program: Command, ctx: CliContext): void {
  program
    .command('seed-demo')
    .description('fill the database (DATABASE_PATH) with a realistic demo status page')
    .option('--incidents <n>', 'past incidents to generate', '60')
    .option('--days <n>', 'days of history', '180')
    .option('--force', 'seed even if the database already has components')
    .action(async (opts: { incidents: string; days: string; force?: boolean }) => {
      const deps = ctx.deps();
      const pastIncidents = Number(opts.incidents);
      const historyDays = Number(opts.days);
      if (!Number.isInteger(pastIncidents) || pastIncidents < 0 || pastIncidents > 100_000) {
        throw new CliError('--incidents must be a whole number from 0 to 100000');
      }
      if (!Number.isInteger(historyDays) || historyDays < 1 || historyDays > 3650) {
        throw new CliError('--days must be a whole number from 1 to 3650');
      }
      if (!opts.force && (await deps.store.components.list()).length > 0) {
        throw new CliError('The database already has components; pass --force to add the demo anyway.', 1);
      }
      const now = deps.clock();
      const result = await seedDemo(deps, { now, pastIncidents, historyDays, openIncidents: 2 });
      ctx.stdout(
        `Seeded a demo page: ${result.components} components and ${result.incidents} incidents over the last ${historyDays} days.`,
      );
      ctx.stdout(`Start the server with "npm start" and open ${deps.config.publicUrl}/`);
    });
}
