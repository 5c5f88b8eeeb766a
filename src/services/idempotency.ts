// Idempotency-Key claims for POSTs: the first request with a key owns it until it completes
// (its response is remembered) or fails (the key is freed); a repeat replays the remembered answer.
// A claim is a lease: if the process holding it dies mid-request (kill -9, a crash), the key is free
// again once the lease has run out, instead of answering 409 forever.
import { DomainError } from '../core/errors';
import { IN_PROGRESS } from '../db/store/idempotency';
import type { Deps } from './deps';

export interface IdempotencyRequest {
  tokenId: string;
  key: string;
  /** A hash of the method, path and body: the same key with another request is refused. */
  fingerprint: string;
}

/**
 * How long a claim in progress protects its key. Requests finish in seconds (a stopping server waits at
 * most AFTERWORD_SHUTDOWN_SECONDS), so a claim this old belongs to a process that is gone.
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/** `owned`: run the request, then complete or release the key (as of `claimedAt`). `replay`: answer with the first response. */
export type IdempotencyClaim = { kind: 'owned'; claimedAt: number } | { kind: 'replay'; status: number; body: string };

export async function claimIdempotencyKey({
  deps,
  request,
}: {
  deps: Deps;
  request: IdempotencyRequest;
}): Promise<IdempotencyClaim> {
  const { tokenId, key, fingerprint } = request;
  const store = deps.store.idempotency;
  const now = deps.clock();
  if (await store.claim(tokenId, key, fingerprint, now)) return { kind: 'owned', claimedAt: now };
  if (await store.takeOver(tokenId, key, fingerprint, now, now - IDEMPOTENCY_LEASE_MS)) {
    return { kind: 'owned', claimedAt: now };
  }
  const first = await store.get(tokenId, key);
  if (first && first.fingerprint !== fingerprint) {
    throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
  }
  if (!first || first.status === IN_PROGRESS) {
    throw new DomainError('conflict', 'A request with this Idempotency-Key is still in progress; retry shortly.');
  }
  return { kind: 'replay', status: first.status, body: first.body };
}

/** Remembers the response a retry will replay. */
export async function completeIdempotencyKey({
  deps,
  request,
  claimedAt,
  status,
  body,
}: {
  deps: Deps;
  request: IdempotencyRequest;
  claimedAt: number;
  status: number;
  body: string;
}): Promise<void> {
  await deps.store.idempotency.complete(request.tokenId, request.key, claimedAt, status, body);
}

/** Frees the key: the request failed or its answer must not be kept, so a retry runs afresh. */
export async function releaseIdempotencyKey({
  deps,
  request,
  claimedAt,
}: {
  deps: Deps;
  request: IdempotencyRequest;
  claimedAt: number;
}) {
  await deps.store.idempotency.release(request.tokenId, request.key, claimedAt);
}
