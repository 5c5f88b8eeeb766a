// The email form of an SLA alert: subject, plain text with the JSON payload attached inline, stable Message-ID.
import { alertHeadline, alertText, type SlaAlertPayload } from '../core/sla/alert';
import type { EmailMessage } from './ports';

export function alertEmail(p: SlaAlertPayload, to: string): EmailMessage {
  return {
    to,
    subject: `[Afterword] ${alertHeadline(p)}`,
    text: `${alertText(p)}\n\n${JSON.stringify(p, null, 2)}\n`,
    // Same alert, same Message-ID: mail clients fold an at-least-once resend into the first copy.
    messageId: `<${p.alertId}@afterword.alerts>`,
    headers: { 'X-Afterword-Alert-Id': p.alertId, 'X-Afterword-Alert-Type': p.type },
  };
}
