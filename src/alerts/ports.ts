// The delivery ports the outbox dispatcher needs, supplied per runtime (Node, Workers, tests).

/** One plain-text email. `messageId` is stable per alert, so a resend is recognisably the same mail. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

export interface AlertPorts {
  /** `fetch` for webhooks; tests and runtimes may substitute their own. */
  fetch: typeof fetch;
  /** Null when no email transport is configured: email alerts then fail visibly and retry. */
  mailer: Mailer | null;
  /** The HMAC key for `Afterword-Signature` (AFTERWORD_WEBHOOK_SECRET); never stored, never logged. */
  webhookSecret: string | null;
  /** Sender address for email alerts. */
  emailFrom: string;
  /**
   * AFTERWORD_ALLOW_PRIVATE_TARGETS=1 (local development, tests): webhooks may go to loopback and
   * private addresses. Off everywhere else: internal targets are refused at validation and at delivery.
   */
  allowPrivateTargets?: boolean;
}

export const DEFAULT_EMAIL_FROM = 'Afterword <afterword@localhost>';

/** What a runtime without configured channels gets: global fetch, no mailer, no signing secret. */
export function defaultAlertPorts(): AlertPorts {
  return {
    fetch: (input, init) => fetch(input, init),
    mailer: null,
    webhookSecret: null,
    emailFrom: DEFAULT_EMAIL_FROM,
    allowPrivateTargets: false,
  };
}
