// Signed subscription links (confirm, manage, unsubscribe): HMAC over purpose, subscriber id and
// expiry with the server's link secret, so no link can be guessed or turned into another.

import type { SubscriberLinks } from '../alerts/channels';
import { constantTimeEqual, hmacSha256Hex } from '../lib/crypto';
import type { Deps } from './deps';

export type LinkPurpose = 'confirm' | 'manage' | 'unsubscribe';

/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 48 * 3_600_000;

async function mac(secret: string, purpose: LinkPurpose, id: string, exp: number): Promise<string> {
  return (await hmacSha256Hex(secret, `afterword-link:${purpose}:${id}:${exp}`)).slice(0, 40);
}

/** `<subscriber id>.<expiry in epoch seconds, 0 = none>.<mac>` */
export async function signLinkToken(secret: string, purpose: LinkPurpose, id: string, expiresAt: number | null) {
  const exp = expiresAt === null ? 0 : Math.floor(expiresAt / 1000);
  return `${id}.${exp}.${await mac(secret, purpose, id, exp)}`;
}

/** The subscriber id a token vouches for, or null (forged, for another purpose, or expired). */
export async function verifyLinkToken(
  secret: string,
  purpose: LinkPurpose,
  token: string,
  now: number,
): Promise<string | null> {
  const m = /^([a-z]+_[a-z2-7]{16})\.(\d{1,12})\.([0-9a-f]{40})$/.exec(token);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const exp = Number(m[2]);
  if (!constantTimeEqual(m[3], await mac(secret, purpose, m[1], exp))) return null;
  if (exp !== 0 && exp * 1000 < now) return null;
  return m[1];
}

/** The three links of a subscriber; the confirmation one expires 48 hours after `issuedAt`. */
export async function subscriberLinks(deps: Deps, subscriberId: string, issuedAt: number): Promise<SubscriberLinks> {
  const secret = deps.config.linkSecret;
  const base = `${deps.config.publicUrl}/subscribe`;
  if (!secret) return { confirm: base, manage: base, unsubscribe: base };
  const [confirm, manage, unsubscribe] = await Promise.all([
    signLinkToken(secret, 'confirm', subscriberId, issuedAt + CONFIRM_TTL_MS),
    signLinkToken(secret, 'manage', subscriberId, null),
    signLinkToken(secret, 'unsubscribe', subscriberId, null),
  ]);
  return {
    confirm: `${base}/confirm?token=${confirm}`,
    manage: `${base}/manage?token=${manage}`,
    unsubscribe: `${base}/unsubscribe?token=${unsubscribe}`,
  };
}

/** The value a webhook subscriber echoes to prove it asked: derived, so nothing is stored. */
export async function webhookChallenge(deps: Deps, subscriberId: string): Promise<string> {
  return (await hmacSha256Hex(deps.config.linkSecret ?? '', `afterword-challenge:${subscriberId}`)).slice(0, 32);
}
