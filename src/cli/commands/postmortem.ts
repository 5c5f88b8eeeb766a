// `postmortem …`: the postmortem-as-code commands. This module stays light (commander only); each
// subcommand loads its code on use, so `postmortem lint` never loads the database or a SQLite driver.
import { type Command, Option } from 'commander';
import type { CliContext } from '../context';

export function registerPostmortem(program: Command, ctx: CliContext): void {
  const pm = program.command('postmortem').description('postmortems as markdown in the repository: new, lint, publish');

  pm.command('lint')
    .description('check whole postmortems (header, timeline, five whys, customer summary, action items); no database')
    .argument('<files...>', 'markdown files or globs ("postmortems/**/*.md")')
    .option('--config <lexicon.json>', 'the organisation lexicon, the same JSON shape as the summary gate')
    .option('--lengths <ranges>', 'word ranges by severity, e.g. "SEV-1=1500-2500,SEV-2=400-800,SEV-3=none"')
    .addOption(
      new Option('--format <format>', 'output format').choices(['pretty', 'json', 'sarif', 'github']).default('pretty'),
    )
    .option('--sarif <file>', 'also write SARIF 2.1.0 to this file (one run, two outputs: e.g. github + code scanning)')
    .action(async (files: string[], opts: { config?: string; lengths?: string; format: string; sarif?: string }) => {
      const { runPostmortemLint } = await import('./postmortem-lint');
      await runPostmortemLint(files, opts as Parameters<typeof runPostmortemLint>[1], ctx);
    });

  pm.command('new')
    .description("write the postmortem template with today's date")
    .argument('<title>', 'a short title')
    .addOption(new Option('--severity <sev>', 'severity').choices(['SEV-1', 'SEV-2', 'SEV-3']).makeOptionMandatory())
    .option('--dir <dir>', 'folder to write into', 'postmortems')
    .option('--out <file>', 'exact file to write (instead of <dir>/<date>-<slug>.md)')
    .action(async (title: string, opts: { severity: 'SEV-1' | 'SEV-2' | 'SEV-3'; dir: string; out?: string }) => {
      const { runPostmortemNew } = await import('./postmortem-new');
      runPostmortemNew(title, opts, ctx);
    });

  pm.command('publish')
    .description(
      "save the customer-facing section as the incident's summary draft through the API (--publish publishes it)",
    )
    .argument('<file>', 'the postmortem markdown file')
    .requiredOption('--url <url>', 'the Afterword server, e.g. https://status.example.com (token from AFTERWORD_TOKEN)')
    .option('--publish', 'publish the saved summary')
    .option(
      '--doc-url <url>',
      "the document's own link, recorded to stop the internal postmortem's clock (default in GitHub Actions: the file on the branch)",
    )
    .action(async (file: string, opts: { url: string; publish?: boolean; docUrl?: string }) => {
      const { runPostmortemPublish } = await import('./postmortem-publish');
      await runPostmortemPublish(file, opts, ctx);
    });

  pm.command('report')
    .description('the quarterly review: one HTML or markdown page with SVG charts over a folder of postmortems')
    .argument('<dir>', 'the postmortems folder')
    .option('--since <period>', 'how far back: 90d, 12w, 3m or an ISO date', '90d')
    .addOption(new Option('--format <format>', 'page format').choices(['html', 'markdown']).default('html'))
    .option('--out <file>', 'write the page here instead of standard output')
    .option('--url <url>', "also read Afterword's recorded times and summary publications")
    .option('--now <instant>', 'report as of this ISO-8601 instant (default: now)')
    .action(
      async (
        dir: string,
        opts: { since: string; format: 'html' | 'markdown'; out?: string; url?: string; now?: string },
      ) => {
        const { runPostmortemReport } = await import('./postmortem-report');
        await runPostmortemReport(dir, opts, ctx);
      },
    );
}
