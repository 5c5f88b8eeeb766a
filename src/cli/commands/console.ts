// `console link`: a one-time sign-in link for the publisher's console (/admin), printed once.
import { type Command, Option } from 'commander';
import { DomainError } from '../../core/errors';
import { SCOPES, type Scope } from '../../core/types';
import { iso } from '../../http/present';
import { createSignInLink } from '../../services/console-sessions';
import { type CliContext, CliError } from '../context';

export function registerConsole(program: Command, ctx: CliContext): void {
  const consoleCmd = program.command('console').description('the publisher console at /admin');

  consoleCmd
    .command('link')
    .description(
      'print a one-time sign-in link (valid 15 minutes); the URL is alone on the last line of stdout. ' +
        'Without --token it issues a new token with --scope (default admin) whose secret is never shown',
    )
    .option('--token <id>', 'sign in as this existing, live token')
    .addOption(new Option('--scope <scope...>', 'scopes of the new token').choices([...SCOPES]))
    .option('--name <name>', 'name of the new token', 'console sign-in link')
    .action(async (opts: { token?: string; scope?: string[]; name: string }) => {
      if (opts.token && opts.scope) throw new CliError('--scope applies to a new token; drop it with --token.');
      try {
        const link = await createSignInLink({
          deps: ctx.deps(),
          tokenId: opts.token,
          scopes: (opts.scope as Scope[] | undefined) ?? ['admin'],
          name: opts.name,
          actor: { tokenId: null, label: 'cli' },
        });
        ctx.stdout(
          `Sign in as token ${link.token.id} "${link.token.name}" (${link.token.scopes.join(', ')}); the link works once, until ${iso(link.expiresAt)}:`,
        );
        ctx.stdout(link.url);
      } catch (err) {
        if (err instanceof DomainError && (err.code === 'not_found' || err.code === 'conflict')) {
          throw new CliError(err.detail, 1);
        }
        throw err;
      }
    });
}
