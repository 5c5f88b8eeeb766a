// First start: a database with no token gets one admin token, shown to the operator once.
import type { Deps } from './deps';
import { createToken } from './tokens';

export async function ensureAdminToken({ deps }: { deps: Deps }): Promise<string | null> {
  if ((await deps.store.tokens.list()).length > 0) return null;
  const { secret } = await createToken({
    deps,
    input: { name: 'initial-admin', scopes: ['admin'] },
    actor: { tokenId: null, label: 'bootstrap' },
  });
  return secret;
}
