// Webhook signatures, Stripe-style: `Afterword-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`.
import { constantTimeEqual, hmacSha256Hex } from '../lib/crypto';

export const SIGNATURE_HEADER = 'Afterword-Signature';

/** Signs `body` as sent at `atMs`; the timestamp is part of the MAC so a captured request cannot be replayed later. */
export async function signatureHeader(secret: string, body: string, atMs: number): Promise<string> {
  const t = Math.floor(atMs / 1000);
  return `t=${t},v1=${await hmacSha256Hex(secret, `${t}.${body}`)}`;
}

/**
 * What a receiver does: recompute the MAC over the raw body and reject stale timestamps.
 * Exported for tests and as the reference for the README's verification snippet.
 */
export async function verifySignature(
  secret: string,
  body: string,
  header: string | null,
  nowMs: number,
  toleranceSeconds = 300,
): Promise<boolean> {
  if (!header) return false;
  const parts = new Map(
    header.split(',').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isSafeInteger(t) || !v1) return false;
  if (Math.abs(Math.floor(nowMs / 1000) - t) > toleranceSeconds) return false;
  return constantTimeEqual(v1, await hmacSha256Hex(secret, `${t}.${body}`));
}
