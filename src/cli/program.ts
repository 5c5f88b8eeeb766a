// The Afterword command line, runnable in-process (tests) or as the `afterword` bin (bin.ts).
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { type CommandArea, commandAreas } from './commands';
import { CliError, type CliIo, createCliContext, loadDatabaseDriver, processIo } from './context';
import { printable } from './printable';

/** The area a command line asks for (`sla tick`, `help sla`), if any: only that one is loaded. */
function requestedArea(argv: string[]): CommandArea | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return commandAreas.find((a) => a.name === name);
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const ctx = createCliContext(io);
  const program = new Command('afterword')
    .description('Afterword: status page and customer-summary publisher')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => io.err(printable(s)), writeOut: (s) => io.out(printable(s)) });
  try {
    const area = requestedArea(argv);
    if (area) {
      if (area.database !== false) await loadDatabaseDriver();
      (await area.load())(program, ctx);
    } else {
      // --help, --version or an unknown command: every area by name and summary, none loaded.
      for (const a of commandAreas) program.command(a.name).description(a.summary);
    }
    program.commands.forEach(function exitOverrideEverywhere(cmd: Command) {
      cmd.exitOverride();
      cmd.commands.forEach(exitOverrideEverywhere);
    });
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; every usage error exits 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof CliError) {
      ctx.stderr(`error: ${err.message}`);
      return err.exitCode;
    }
    ctx.stderr(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    ctx.close();
  }
}
