// Real receivers for SLA alert tests: a local HTTP webhook receiver that checks signatures, and an SMTP sink.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { verifySignature } from '../../src/alerts/signature';
import type { World } from '../helpers/world';
import { TEST_WEBHOOK_SECRET } from '../helpers/world';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
  json: any;
  signatureValid: boolean;
  /** What the receiver answered (or 'hang' when it never answered). */
  answered: number | 'hang';
}

/**
 * A webhook receiver on 127.0.0.1:<random port>. `answer(n)` decides the status of the n-th request
 * (1-based); 'hang' keeps the request open until `release()`. Signatures are verified against `now()`.
 */
export async function startReceiver(
  opts: { answer?: (n: number) => number | 'hang'; now?: () => number; secret?: string } = {},
) {
  const received: ReceivedWebhook[] = [];
  const hanging: ServerResponse[] = [];
  let onRequest: (() => void) | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = opts.answer?.(received.length + 1) ?? 200;
      const signatureValid = await verifySignature(
        opts.secret ?? TEST_WEBHOOK_SECRET,
        body,
        (req.headers['afterword-signature'] as string | undefined) ?? null,
        opts.now?.() ?? Date.now(),
      );
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      received.push({ headers: req.headers, body, json, signatureValid, answered });
      onRequest?.();
      if (answered === 'hang') hanging.push(res);
      else res.writeHead(answered, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/afterword?token=path-secret`,
    received,
    /** Resolves once `n` requests have arrived. */
    waitFor(n: number): Promise<void> {
      if (received.length >= n) return Promise.resolve();
      return new Promise((resolve) => {
        onRequest = () => {
          if (received.length >= n) {
            onRequest = null;
            resolve();
          }
        };
      });
    },
    release() {
      for (const res of hanging.splice(0)) res.destroy();
    },
    close(): Promise<void> {
      for (const res of hanging.splice(0)) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  header(name: string): string | undefined;
}

/** Decodes RFC 2047 encoded-words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=) in a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** An in-process SMTP server that accepts every message (no auth, no TLS) and keeps it. */
export async function startSmtpSink() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
        const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          header(name) {
            const re = new RegExp(`^${name}:\\s*(.*)$`, 'im');
            const value = re.exec(unfolded)?.[1]?.trim();
            return value === undefined ? undefined : decodeWords(value);
          },
        });
        callback();
      });
    },
  });
  // A client killed mid-session (the reliability test's SIGKILL) resets its connection: the sink keeps
  // only whole messages, so that is not an error of the test run.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let pubSeq = 0;

/**
 * Records a publication of the incident's summary at `at`, as the summary-publish verb does (its
 * version row and publication row), straight in SQL: the SLA reads only the first `published_at`.
 */
export function insertPublication(world: World, incidentId: string, at: number): void {
  pubSeq++;
  const versionId = `sv_test_${pubSeq}`;
  const version = (
    world.handle.sqlite
      .prepare('select coalesce(max(version), 0) + 1 as v from summary_versions where incident_id = ?')
      .get(incidentId) as { v: number }
  ).v;
  world.handle.sqlite
    .prepare(
      `insert into summary_versions (id, incident_id, version, markdown, ok, words, findings, created_at, created_by)
       values (?, ?, ?, 'We are sorry.', 1, 3, '[]', ?, 'test')`,
    )
    .run(versionId, incidentId, version, at);
  world.handle.sqlite
    .prepare(
      `insert into summary_publications (id, incident_id, version, summary_version_id, published_at, published_by)
       values (?, ?, ?, ?, ?, 'test')`,
    )
    .run(`sp_test_${pubSeq}`, incidentId, version, versionId, at);
}

export const HOUR = 3_600_000;
