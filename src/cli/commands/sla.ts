// `sla tick|status|retry`: run the SLA tick at a chosen instant, list every clock, re-queue a dead alert.
import type { Command } from 'commander';
import { DomainError } from '../../core/errors';
import { instant } from '../../core/inputs';
import { humanDuration } from '../../core/sla/alert';
import { iso } from '../../http/present';
import { presentSlaAlert, presentSlaClock } from '../../http/present-sla';
import { listSlaClocks, retrySlaAlert } from '../../services/sla-status';
import { tickSla } from '../../services/sla-tick';
import { type CliContext, CliError } from '../context';

const CLI_ACTOR = { tokenId: null, label: 'cli' };

/** A tick report as `--json` prints it (`sla tick`, `notify tick`): instants as ISO-8601 strings. */
export function tickReportJson(
  now: number,
  fields: Record<string, unknown>,
  deliveries: readonly { nextAttemptAt?: number | undefined }[],
): string {
  return JSON.stringify(
    {
      now: iso(now),
      ...fields,
      deliveries: deliveries.map((d) => ({
        ...d,
        nextAttemptAt: d.nextAttemptAt === undefined ? undefined : iso(d.nextAttemptAt),
      })),
    },
    null,
    2,
  );
}

export function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = instant.safeParse(value);
  if (!parsed.success) {
    throw new CliError(
      `--now must be an ISO-8601 date-time with an explicit offset, e.g. 2026-11-26T14:05:00Z (got "${value}")`,
    );
  }
  return parsed.data;
}

function timeLeft(seconds: number | null, finished: boolean): string {
  if (seconds === null) return '-';
  if (finished) return seconds >= 0 ? `${humanDuration(seconds)} early` : `${humanDuration(seconds)} late`;
  return seconds >= 0 ? `${humanDuration(seconds)} left` : `${humanDuration(seconds)} over`;
}

export function registerSla(program: Command, ctx: CliContext): void {
  const sla = program.command('sla').description('the 48-hour customer-summary SLA: clocks and alerts');

  sla
    .command('tick')
    .description('queue the SLA alerts due at an instant, deliver what is ready, then exit')
    .option('--now <instant>', 'the instant to act at (ISO-8601 with offset); default: now')
    .option('--json', 'print the tick report as JSON')
    .action(async (opts: { now?: string; json?: boolean }) => {
      const now = parseNow(opts.now);
      const report = await tickSla({ deps: ctx.deps(), now });
      if (opts.json) {
        ctx.stdout(tickReportJson(report.now, { queued: report.queued, settled: report.settled }, report.deliveries));
        return;
      }
      const count = (o: string) => report.deliveries.filter((d) => d.outcome === o).length;
      ctx.stdout(
        `SLA tick at ${iso(report.now)}: queued ${report.queued.length}, delivered ${count('delivered')}, retrying ${count('retry')}, dead ${count('dead')}`,
      );
      for (const q of report.queued) {
        ctx.stdout(
          `queued     ${q.alertId}  ${q.incidentId}  ${q.checkpoint}  ${q.channel}${q.status === 'dead' ? '  (no route: dead)' : ''}`,
        );
      }
      for (const id of report.settled) ctx.stdout(`settled    ${id}  (clock stopped; pending reminders cancelled)`);
      for (const d of report.deliveries) {
        const tail =
          d.outcome === 'delivered'
            ? ''
            : `  attempt ${d.attempt}${d.nextAttemptAt ? `, next ${iso(d.nextAttemptAt)}` : ''}: ${d.error}`;
        ctx.stdout(`${d.outcome.padEnd(10)} ${d.alertId}  ${d.incidentId}  ${d.checkpoint}  ${d.channel}${tail}`);
      }
    });

  sla
    .command('status')
    .description('list every incident that owes a customer summary: deadline, state, time left, alerts')
    .option('--json', 'print JSON (the same shape as GET /api/v1/sla)')
    .option('--now <instant>', 'read the clocks at this instant (ISO-8601 with offset); default: now')
    .option('--limit <n>', 'at most this many clocks', '100')
    .action(async (opts: { json?: boolean; now?: string; limit: string }) => {
      const now = parseNow(opts.now);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new CliError('--limit must be an integer from 1 to 10000');
      const clocks = await listSlaClocks({ deps: ctx.deps(), limit, now });
      if (opts.json) {
        ctx.stdout(JSON.stringify({ clocks: clocks.map(presentSlaClock) }, null, 2));
        return;
      }
      if (clocks.length === 0) {
        ctx.stdout('No incident owes a customer summary.');
        return;
      }
      const rows = clocks.map((v) => {
        const p = presentSlaClock(v);
        return [
          p.incidentId,
          p.severity,
          p.state,
          p.deadline ?? '-',
          timeLeft(p.secondsLeft, p.publishedAt !== null),
          `${p.alertsSent}/${p.alertsPending}/${p.alertsDead}`,
          p.incidentTitle,
        ];
      });
      const header = ['INCIDENT', 'SEV', 'STATE', 'DEADLINE', 'LEFT', 'SENT/PENDING/DEAD', 'TITLE'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
      for (const r of [header, ...rows]) {
        ctx.stdout(
          r
            .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
            .join('  ')
            .trimEnd(),
        );
      }
    });

  sla
    .command('retry')
    .description('re-queue a dead-lettered alert (same alertId, fresh attempts); the next tick sends it')
    .argument('<alertId>', 'the alert id, as shown by "sla status --json"')
    .action(async (alertId: string) => {
      try {
        const alert = await retrySlaAlert({ deps: ctx.deps(), alertId, actor: CLI_ACTOR });
        const p = presentSlaAlert(alert);
        ctx.stdout(`Re-queued ${p.alertId} (${p.checkpoint}, ${p.channel}); the next tick delivers it.`);
      } catch (err) {
        if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'conflict')) {
          throw new CliError(err.message, 1);
        }
        throw err;
      }
    });
}
