// Node-only: the email port over SMTP with nodemailer, configured by SMTP_URL (smtp:// or smtps://).
import nodemailer from 'nodemailer';
import type { Mailer } from './ports';

export function smtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  // Pooled: a fan-out to thousands of subscribers reuses a few connections instead of one per mail.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 4,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(m) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
        headers: m.headers,
      });
    },
    close: () => transport.close(),
  };
}
