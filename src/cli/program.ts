// The Afterword command line, runnable in-process (tests) or as `npm run -s cli -- <command>` (main.ts).
import { Command, CommanderError } from 'commander';
import { commandAreas } from './commands';
import { CliError, type CliIo, createCliContext, processIo } from './context';

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const ctx = createCliContext(io);
  const program = new Command('afterword')
    .description('Afterword: status page and customer-summary publisher')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => io.err(s), writeOut: (s) => io.out(s) });
  for (const register of commandAreas) register(program, ctx);
  program.commands.forEach(function exitOverrideEverywhere(cmd: Command) {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverrideEverywhere);
  });
  try {
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
