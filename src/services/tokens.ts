// API tokens: issue (shown once), list, revoke, and authenticate a bearer token with its scopes.
import { DomainError, notFound } from '../core/errors';
import type { CreateTokenInput } from '../core/inputs';
import type { Actor, ApiToken, Scope } from '../core/types';
import { base64url, constantTimeEqual, randomBytes, sha256Hex } from '../lib/crypto';
import { newId } from '../lib/id';
import type { Deps } from './deps';

/** Tokens carry a recognisable prefix so secret scanners and people can tell what they are. */
export const TOKEN_PREFIX = 'aw_';

function publicView({ tokenHash: _omit, ...t }: ApiToken & { tokenHash: string }): ApiToken {
  return t;
}

/** Mints a token: the secret (shown once) and the record to store (hash only). Writes nothing. */
export async function mintToken(input: CreateTokenInput, now: number) {
  const secret = TOKEN_PREFIX + base64url(randomBytes(32));
  const stored = {
    id: newId('tok'),
    name: input.name,
    scopes: [...new Set(input.scopes)],
    tokenHash: await sha256Hex(secret),
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  return { secret, stored };
}

export async function createToken({
  deps,
  input,
  actor,
}: {
  deps: Deps;
  input: CreateTokenInput;
  actor: Actor | null;
}): Promise<{ token: ApiToken; secret: string }> {
  const now = deps.clock();
  const { secret, stored } = await mintToken(input, now);
  const audit = actor ? { actor, action: 'token.create', targetType: 'token', targetId: stored.id, at: now } : null;
  await deps.store.tokens.create(stored, audit);
  return { token: publicView(stored), secret };
}

export async function listTokens({ deps }: { deps: Deps }): Promise<ApiToken[]> {
  return (await deps.store.tokens.list()).map(publicView);
}

export async function revokeToken({ deps, id, actor }: { deps: Deps; id: string; actor: Actor }): Promise<ApiToken> {
  const token = await deps.store.tokens.get(id);
  if (!token) throw notFound('token', id);
  if (token.revokedAt !== null) return publicView(token);
  const now = deps.clock();
  await deps.store.tokens.revoke(id, now, {
    actor,
    action: 'token.revoke',
    targetType: 'token',
    targetId: id,
    at: now,
  });
  return publicView({ ...token, revokedAt: now });
}

/** Resolves a bearer secret to its live token, or throws `unauthorized` (unknown, malformed or revoked). */
export async function authenticate({ deps, secret }: { deps: Deps; secret: string }): Promise<ApiToken> {
  const hash = await sha256Hex(secret);
  const token = await deps.store.tokens.findByHash(hash);
  // The lookup is by hash, so timing reveals nothing about the secret; the compare is a second guard.
  if (!token || !constantTimeEqual(token.tokenHash, hash)) {
    throw new DomainError('unauthorized', 'The bearer token is not valid.');
  }
  if (token.revokedAt !== null) throw new DomainError('unauthorized', 'The bearer token has been revoked.');
  await deps.store.tokens.touch(token.id, deps.clock());
  return publicView(token);
}

export function requireScope(token: ApiToken, scope: Scope): void {
  if (!token.scopes.includes(scope) && !token.scopes.includes('admin')) {
    throw new DomainError('forbidden', `This token lacks the "${scope}" scope.`, { requiredScope: scope });
  }
}

export function actorOf(token: ApiToken): Actor {
  return { tokenId: token.id, label: `token:${token.name}` };
}
