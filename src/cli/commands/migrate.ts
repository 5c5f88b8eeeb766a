// `migrate`: create the database file if needed and apply every migration in drizzle/.
import type { Command } from 'commander';
import type { CliContext } from '../context';

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('create the database if needed and apply every pending migration (DATABASE_PATH)')
    .action(() => {
      ctx.deps(); // opening migrates
      ctx.stdout('Database is up to date.');
    });
}
