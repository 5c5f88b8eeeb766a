// `token create|list|revoke`: manage API tokens on the local database.
import { type Command, Option } from 'commander';
import { DomainError } from '../../core/errors';
import { createTokenInput } from '../../core/inputs';
import { SCOPES } from '../../core/types';
import { iso } from '../../http/present';
import { createToken, listTokens, mintToken, revokeToken } from '../../services/tokens';
import { type CliContext, CliError } from '../context';

const CLI_ACTOR = { tokenId: null, label: 'cli' };

export function registerToken(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('manage API tokens');

  token
    .command('create')
    .description('issue a new token; the secret is printed once, alone on the last line of stdout')
    .requiredOption('--name <name>', 'a label for the token, e.g. "ci-deploy"')
    .addOption(new Option('--scope <scope...>', 'one or more scopes').choices([...SCOPES]).makeOptionMandatory(true))
    .option('--sql', 'write nothing locally; print an SQL INSERT for a remote D1 (wrangler d1 execute), then the token')
    .action(async (opts: { name: string; scope: string[]; sql?: boolean }) => {
      const parsed = createTokenInput.safeParse({ name: opts.name, scopes: opts.scope });
      if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => i.message).join('; '));
      if (opts.sql) {
        const { secret, stored } = await mintToken(parsed.data, Date.now());
        const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
        ctx.stdout(
          `INSERT INTO api_tokens (id, name, token_hash, scopes, created_at) VALUES (${q(stored.id)}, ${q(stored.name)}, ${q(stored.tokenHash)}, ${q(JSON.stringify(stored.scopes))}, ${stored.createdAt});`,
        );
        ctx.stdout(secret);
        return;
      }
      const { token: created, secret } = await createToken({ deps: ctx.deps(), input: parsed.data, actor: CLI_ACTOR });
      ctx.stdout(`Created token ${created.id} "${created.name}" with scopes ${created.scopes.join(', ')}.`);
      ctx.stdout('It is shown only this once:');
      ctx.stdout(secret);
    });

  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const tokens = await listTokens({ deps: ctx.deps() });
      if (opts.json) {
        ctx.stdout(
          JSON.stringify(
            tokens.map((t) => ({
              ...t,
              createdAt: iso(t.createdAt),
              lastUsedAt: iso(t.lastUsedAt),
              revokedAt: iso(t.revokedAt),
            })),
            null,
            2,
          ),
        );
        return;
      }
      if (tokens.length === 0) ctx.stdout('No tokens.');
      for (const t of tokens) {
        const state = t.revokedAt ? `revoked ${iso(t.revokedAt)}` : 'active';
        ctx.stdout(`${t.id}  ${t.name}  [${t.scopes.join(',')}]  ${state}  last used ${iso(t.lastUsedAt) ?? 'never'}`);
      }
    });

  token
    .command('revoke')
    .description('revoke a token by id; it stops working at once')
    .argument('<id>', 'token id, as shown by "token list"')
    .action(async (id: string) => {
      try {
        const t = await revokeToken({ deps: ctx.deps(), id, actor: CLI_ACTOR });
        ctx.stdout(`Revoked token ${t.id} "${t.name}".`);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'not_found') throw new CliError(err.message, 1);
        throw err;
      }
    });
}
