// Sends one rendered notification (signed webhook, Slack webhook, email). Throws DeliveryError on
// failure, whose message is fixed text plus the target's origin: it is stored and shown as lastError.
import { TARGET_PROBLEM_TEXT, targetOrigin, targetProblem } from '../core/targets';
import type { ChannelName, Outbound } from './channels';
import type { AlertPorts } from './ports';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** The most of a webhook's answer read back (a challenge echo is short). */
const MAX_ANSWER_BYTES = 4096;

/** A failed attempt. The message is stored as last_error: never a URL path, an exception text or a secret. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
}

/** Only scheme and host: webhook paths are often credentials themselves (Slack's are). */
export const safeOrigin = targetOrigin;

/** Error codes worth naming; anything else is "network error" (an exception's text is never stored). */
const KNOWN_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  UND_ERR_SOCKET: 'connection reset',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate error',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate error',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate error',
  CERT_HAS_EXPIRED: 'TLS certificate error',
  AFTERWORD_INTERNAL_TARGET: 'refused: resolves to an internal address',
};

function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'network error';
  // Cloudflare's send_email refuses unverified recipients and foreign senders with "... not allowed".
  if (/\bnot allowed\b/i.test(err.message)) return 'the mail service refused the sender or recipient (not allowed)';
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out';
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && KNOWN_CAUSES[code]) return KNOWN_CAUSES[code];
    e = (e as { cause?: unknown }).cause;
  }
  return 'network error';
}

export interface Envelope {
  id: string;
  type: string;
  channel: ChannelName;
  target: string;
  /** What the receiver answered must contain this (a webhook subscriber's challenge). */
  expectAnswer?: string;
}

/** The webhook check every attempt repeats: a route stored before a rule tightened is still refused. */
export function assertTargetAllowed(ports: AlertPorts, target: string): void {
  const problem = targetProblem(target, ports.allowPrivateTargets === true);
  if (problem) throw new DeliveryError(`refused: the target ${TARGET_PROBLEM_TEXT[problem]} (${targetOrigin(target)})`);
}

async function readAnswer(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  return text.slice(0, MAX_ANSWER_BYTES);
}

async function deliverHttp(ports: AlertPorts, e: Envelope, out: Extract<Outbound, { via: 'http' }>, sentAt: number) {
  assertTargetAllowed(ports, e.target);
  const headers: Record<string, string> = {
    ...out.headers,
    'User-Agent': 'Afterword-SLA/1',
    'Afterword-Alert-Id': e.id,
    'Afterword-Notification-Id': e.id,
    'Afterword-Event': e.type,
  };
  if (ports.webhookSecret) headers[SIGNATURE_HEADER] = await signatureHeader(ports.webhookSecret, out.body, sentAt);
  else if (out.signed) {
    // Slack does not check our signature; any other receiver should, so an unsigned call is refused.
    throw new DeliveryError('no webhook signing secret is configured (AFTERWORD_WEBHOOK_SECRET)');
  }
  const where = targetOrigin(e.target);
  let res: Response;
  try {
    res = await ports.fetch(e.target, {
      method: 'POST',
      headers,
      body: out.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (err) {
    throw new DeliveryError(`request to ${where} failed: ${describe(err)}`);
  }
  // Read (and so release) the body; only a challenge answer matters.
  const answer = await readAnswer(res);
  if (res.status < 200 || res.status > 299) throw new DeliveryError(`HTTP ${res.status} from ${where}`);
  if (e.expectAnswer !== undefined && !answer.includes(e.expectAnswer)) {
    throw new DeliveryError(`the answer from ${where} did not echo the challenge`);
  }
}

async function deliverEmail(ports: AlertPorts, out: Extract<Outbound, { via: 'email' }>): Promise<void> {
  if (!ports.mailer) {
    throw new DeliveryError('no email transport is configured (SMTP_URL on Node, the SLA_EMAIL binding on Workers)');
  }
  const domain = out.message.to.slice(out.message.to.lastIndexOf('@') + 1);
  try {
    await ports.mailer.send(out.message);
  } catch (err) {
    throw new DeliveryError(`email to a recipient at ${domain} failed: ${describe(err)}`);
  }
}

/** Sends once; resolves when the receiver accepted it (2xx, or the mail server took it). */
export async function deliver(ports: AlertPorts, e: Envelope, out: Outbound, sentAt: number): Promise<void> {
  if (out.via === 'email') return deliverEmail(ports, out);
  return deliverHttp(ports, e, out, sentAt);
}
