// Global setup (runs in Node) for the Queues project: a local HTTP webhook receiver that answers every
// POST with 200, echoing a subscription challenge, and lists what it received at GET /received. The
// Worker under test reaches it over real HTTP; its address reaches the tests through `inject`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

export interface Received {
  path: string;
  notificationId: string | null;
  type: string | null;
  signed: boolean;
  body: unknown;
}

declare module 'vitest' {
  export interface ProvidedContext {
    receiverUrl: string;
  }
}

export default async function startReceiver(project: TestProject) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/received') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(received));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {}
      received.push({
        path: req.url ?? '',
        notificationId: typeof body.notificationId === 'string' ? body.notificationId : null,
        type: typeof body.type === 'string' ? body.type : null,
        signed: typeof req.headers['afterword-signature'] === 'string',
        body,
      });
      // A receiver that takes a moment: deliveries of overlapping queue messages really overlap.
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'), 50);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('receiverUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
