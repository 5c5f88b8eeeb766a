// Delivers one outbox alert on its channel (signed webhook, Slack webhook, email). Throws DeliveryError on failure.
import type { SlaAlertPayload } from '../core/sla/alert';
import { alertEmail } from './email';
import type { AlertPorts } from './ports';
import { SIGNATURE_HEADER, signatureHeader } from './signature';
import { slackBody } from './slack';

export const WEBHOOK_TIMEOUT_MS = 10_000;

/** A failed attempt. The message is stored as last_error, so it never carries a URL path or a secret. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
}

export interface Deliverable {
  channel: 'webhook' | 'slack' | 'email';
  target: string;
  payload: SlaAlertPayload;
}

/** Only scheme and host: webhook paths are often credentials themselves (Slack's are). */
export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out';
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, bad port) is in `cause`.
  const cause = (err as { cause?: unknown }).cause;
  if (cause && typeof cause === 'object' && 'code' in cause && cause.code)
    return `${err.message} (${String(cause.code)})`;
  if (cause instanceof Error && cause.message) return `${err.message} (${cause.message})`;
  return err.message;
}

async function deliverWebhook(ports: AlertPorts, d: Deliverable, sentAt: number): Promise<void> {
  const body = JSON.stringify(d.channel === 'slack' ? slackBody(d.payload) : d.payload);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'Afterword-SLA/1',
    'Afterword-Alert-Id': d.payload.alertId,
    'Afterword-Event': d.payload.type,
  };
  if (ports.webhookSecret) headers[SIGNATURE_HEADER] = await signatureHeader(ports.webhookSecret, body, sentAt);
  else if (d.channel === 'webhook') {
    // Slack does not check our signature; any other receiver should, so an unsigned call is refused.
    throw new DeliveryError('no webhook signing secret is configured (AFTERWORD_WEBHOOK_SECRET)');
  }
  const where = safeOrigin(d.target);
  let res: Response;
  try {
    res = await ports.fetch(d.target, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (err) {
    throw new DeliveryError(`request to ${where} failed: ${describe(err)}`);
  }
  // Drain the body so the connection is released; its content does not matter.
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new DeliveryError(`HTTP ${res.status} from ${where}`);
}

async function deliverEmail(ports: AlertPorts, d: Deliverable): Promise<void> {
  if (!ports.mailer) {
    throw new DeliveryError('no email transport is configured (SMTP_URL on Node, the SLA_EMAIL binding on Workers)');
  }
  try {
    await ports.mailer.send(alertEmail(d.payload, d.target));
  } catch (err) {
    throw new DeliveryError(`email to ${d.target} failed: ${describe(err)}`);
  }
}

/** Sends once; resolves when the receiver accepted it (2xx, or the mail server took it). */
export async function deliverAlert(ports: AlertPorts, d: Deliverable, sentAt: number): Promise<void> {
  if (d.channel === 'email') return deliverEmail(ports, d);
  return deliverWebhook(ports, d, sentAt);
}
