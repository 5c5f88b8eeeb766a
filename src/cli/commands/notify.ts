// `notify tick`: queue what is due (SLA checkpoints, new events for subscribers) and deliver the whole
// outbox at a chosen instant, then exit. The server and the Workers cron run the same tick on their own.
import type { Command } from 'commander';
import { iso } from '../../http/present';
import { tickNotify } from '../../services/notify-tick';
import type { CliContext } from '../context';
import { parseNow, tickReportJson } from './sla';

export function registerNotify(program: Command, ctx: CliContext): void {
  const notify = program.command('notify').description('the notification outbox: SLA alerts and subscriber updates');

  notify
    .command('tick')
    .description('queue what is due, fan new events out to subscribers, deliver the outbox, then exit')
    .option('--now <instant>', 'the instant to act at (ISO-8601 with offset); default: now')
    .option('--json', 'print the tick report as JSON')
    .action(async (opts: { now?: string; json?: boolean }) => {
      const report = await tickNotify({ deps: ctx.deps(), now: parseNow(opts.now) });
      if (opts.json) {
        ctx.stdout(
          tickReportJson(
            report.now,
            {
              queued: report.queued,
              settled: report.settled,
              maintenance: report.maintenance,
              fannedOut: report.fannedOut,
            },
            report.deliveries,
          ),
        );
        return;
      }
      const count = (o: string) => report.deliveries.filter((d) => d.outcome === o).length;
      ctx.stdout(
        `Notify tick at ${iso(report.now)}: queued ${report.queued.length} SLA alert(s), fanned out ${report.fannedOut.length} event(s); delivered ${count('delivered')}, retrying ${count('retry')}, dead ${count('dead')}, cancelled ${count('cancelled')}`,
      );
      for (const m of report.maintenance) ctx.stdout(`moved ${m.maintenanceId}  ${m.type}`);
      for (const e of report.fannedOut) ctx.stdout(`fanned out ${e.eventId}  ${e.type}`);
      for (const d of report.deliveries) {
        if (d.outcome === 'delivered') continue;
        const next = d.nextAttemptAt ? `, next ${iso(d.nextAttemptAt)}` : '';
        ctx.stdout(
          `${d.outcome.padEnd(10)} ${d.alertId}  ${d.kind}  ${d.channel}  attempt ${d.attempt}${next}: ${d.error}`,
        );
      }
    });
}
