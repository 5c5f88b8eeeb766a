// The Afterword command line: `npm run -s cli -- <command>`.
import { Command, CommanderError } from 'commander';
import { commandAreas } from './commands';
import { CliError, createCliContext } from './context';

export async function runCli(argv: string[]): Promise<number> {
  const ctx = createCliContext();
  const program = new Command('afterword')
    .description('Afterword: status page and customer-summary publisher')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  for (const register of commandAreas) register(program, ctx);
  program.commands.forEach(function exitOverrideEverywhere(cmd: Command) {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverrideEverywhere);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
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

process.exitCode = await runCli(process.argv.slice(2));
