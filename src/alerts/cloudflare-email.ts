// Workers: the email port over a Cloudflare `send_email` binding (see wrangler.toml). Builds the raw MIME message itself.
import type { EmailMessage as AlertEmail, Mailer } from './ports';

const encoder = new TextEncoder();

function base64(text: string): string {
  let bin = '';
  for (const b of encoder.encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** RFC 2047 encoded-word, so any title survives in the Subject header. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${base64(value)}?=`;
}

function bareAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** A plain-text, UTF-8, base64 message: RFC 5322 headers, CRLF line ends, body lines of 76 characters. */
export function rawMessage(from: string, m: AlertEmail, date: Date): string {
  const headers = [
    `From: ${from}`,
    `To: ${m.to}`,
    `Subject: ${encodeHeader(m.subject)}`,
    `Message-ID: ${m.messageId}`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    ...Object.entries(m.headers).map(([k, v]) => `${k}: ${encodeHeader(v)}`),
  ];
  const body = base64(m.text).match(/.{1,76}/g) ?? [];
  return `${headers.join('\r\n')}\r\n\r\n${body.join('\r\n')}\r\n`;
}

export function cloudflareMailer(binding: SendEmail, from: string, now: () => number): Mailer {
  return {
    async send(m) {
      const { EmailMessage } = await import('cloudflare:email');
      await binding.send(new EmailMessage(bareAddress(from), m.to, rawMessage(from, m, new Date(now()))));
    },
  };
}
