// Console sign-in: a token typed once (or a one-time link from the CLI) becomes a server-side session.
// The browser holds only a random session id; the store holds its SHA-256; the session acts with its
// token's scopes and ends at its expiry, at sign-out, or when the token is revoked.
import { DomainError } from '../core/errors';
import type { Actor, ApiToken, Scope } from '../core/types';
import { base64url, constantTimeEqual, randomBytes, sha256Hex } from '../lib/crypto';
import type { Deps } from './deps';
import { authenticate, createToken } from './tokens';

/** A session lasts 12 hours from sign-in, whatever happens in between. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** A printed sign-in link works once, within 15 minutes. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;

export interface ConsoleSession {
  /** The token the session acts as (scopes as at sign-in; never its secret). */
  token: ApiToken;
  expiresAt: number;
}

const newSecret = () => base64url(randomBytes(32));

/**
 * The CSRF token of a session: derived from the session id (which only the cookie carries, and only
 * the store's hash of it is kept), so nothing more is stored and another origin cannot compute it.
 */
export async function csrfTokenFor(sessionId: string): Promise<string> {
  return (await sha256Hex(`afterword-console-csrf:${sessionId}`)).slice(0, 43);
}

export async function checkCsrf(sessionId: string, sent: string | undefined): Promise<boolean> {
  return typeof sent === 'string' && constantTimeEqual(await csrfTokenFor(sessionId), sent);
}

async function startSession(deps: Deps, token: ApiToken): Promise<{ sessionId: string; session: ConsoleSession }> {
  const now = deps.clock();
  const sessionId = newSecret();
  const expiresAt = now + SESSION_TTL_MS;
  await deps.store.sessions.create({
    idHash: await sha256Hex(sessionId),
    kind: 'session',
    tokenId: token.id,
    scopes: token.scopes,
    createdAt: now,
    expiresAt,
  });
  // Sign-ins are rare: a good moment to sweep sessions and links that can no longer be used.
  await deps.store.sessions.deleteExpired(now);
  return { sessionId, session: { token, expiresAt } };
}

/** Signs in with an API token's secret; `unauthorized` when it is unknown or revoked. */
export async function signIn({ deps, secret }: { deps: Deps; secret: string }) {
  return startSession(deps, await authenticate({ deps, secret: secret.trim() }));
}

/** The live session for a cookie's session id, or null (unknown, expired, signed out, token revoked). */
export async function readSession({
  deps,
  sessionId,
}: {
  deps: Deps;
  sessionId: string;
}): Promise<ConsoleSession | null> {
  const idHash = await sha256Hex(sessionId);
  const row = await deps.store.sessions.findSession(idHash, deps.clock());
  if (!row) return null;
  if (row.token.revokedAt !== null) {
    await deps.store.sessions.delete(idHash);
    return null;
  }
  const scopes = row.scopes.filter((s) => row.token.scopes.includes(s));
  return {
    token: {
      id: row.token.id,
      name: row.token.name,
      scopes,
      createdAt: row.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    },
    expiresAt: row.expiresAt,
  };
}

export async function signOut({ deps, sessionId }: { deps: Deps; sessionId: string }): Promise<void> {
  await deps.store.sessions.delete(await sha256Hex(sessionId));
}

/**
 * A one-time sign-in link for the CLI (`console link`). With `tokenId`, it signs in as that live
 * token; otherwise it issues a new token named `name` with `scopes` (its secret is never shown: the
 * link is the only way to use it, and revoking it ends the session).
 */
export async function createSignInLink({
  deps,
  tokenId,
  scopes = ['admin'],
  name = 'console sign-in link',
  actor,
}: {
  deps: Deps;
  tokenId?: string;
  scopes?: Scope[];
  name?: string;
  actor: Actor;
}): Promise<{ code: string; url: string; expiresAt: number; token: ApiToken }> {
  let token: ApiToken;
  if (tokenId) {
    const found = await deps.store.tokens.get(tokenId);
    if (!found)
      throw new DomainError('not_found', `No token with id "${tokenId}".`, { resource: 'token', id: tokenId });
    if (found.revokedAt !== null) throw new DomainError('conflict', `Token ${tokenId} has been revoked.`);
    const { tokenHash: _omit, ...rest } = found;
    token = rest;
  } else {
    token = (await createToken({ deps, input: { name, scopes }, actor })).token;
  }
  const now = deps.clock();
  const code = newSecret();
  const expiresAt = now + SIGN_IN_LINK_TTL_MS;
  await deps.store.sessions.create({
    idHash: await sha256Hex(code),
    kind: 'link',
    tokenId: token.id,
    scopes: token.scopes,
    createdAt: now,
    expiresAt,
  });
  return { code, url: `${deps.config.publicUrl}/admin/link/${code}`, expiresAt, token };
}

/** Trades a sign-in link's code for a session; `unauthorized` when used, expired, unknown or its token revoked. */
export async function redeemSignInLink({ deps, code }: { deps: Deps; code: string }) {
  const now = deps.clock();
  const link = await deps.store.sessions.consumeLink(await sha256Hex(code), now);
  if (!link)
    throw new DomainError('unauthorized', 'This sign-in link is not valid: it was used already, or it expired.');
  const token = await deps.store.tokens.get(link.tokenId);
  if (!token || token.revokedAt !== null)
    throw new DomainError('unauthorized', 'The token behind this link has been revoked.');
  const { tokenHash: _omit, ...rest } = token;
  return startSession(deps, { ...rest, scopes: link.scopes });
}
