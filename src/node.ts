// Node entry: the embedded SQLite default. `npm start` runs this (compiled: dist/node.js).
// Life cycle: open and migrate the database, print the first admin token, listen on HOST:PORT, tick the
// SLA clock every minute; on SIGTERM/SIGINT stop accepting, let in-flight requests and an SLA delivery
// finish (at most AFTERWORD_SHUTDOWN_SECONDS), close the database, exit 0. A failed start prints one
// line naming the cause and exits non-zero.
import type { Server } from 'node:http';
import { constants } from 'node:os';
import { DEFAULT_DATABASE_PATH, nodeDeps } from './node-deps';
import { describeStartupError, readServerEnv, type ServerEnv } from './node-lifecycle';
import { createNodeServer } from './node-server';
import { ensureAdminToken } from './services/bootstrap';
import { tickNotify } from './services/notify-tick';

/**
 * The notify tick (SLA checkpoints, subscriber fan-out, delivery of the whole outbox) runs every
 * 15 seconds; a tick still running when the next is due is not overlapped.
 */
export const NOTIFY_TICK_INTERVAL_MS = 15_000;

function fail(message: string, exitCode = 1): never {
  console.error(`afterword: ${message}`);
  process.exit(exitCode);
}

let env: ServerEnv;
try {
  env = readServerEnv(process.env);
} catch (err) {
  fail((err as Error).message);
}
const databasePath = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
const where = { databasePath, port: env.port, host: env.host };

// Signals are taken from the first moment: one that arrives while the database opens or migrates (a
// migration is one transaction, so the file stays consistent) stops the start before the server listens.
let phase: 'starting' | 'running' | 'stopping' = 'starting';
let stop: (signal: NodeJS.Signals) => void = (signal) => {
  if (phase !== 'starting') return;
  phase = 'stopping';
  fail(`stopped by ${signal} during start-up, before listening; nothing was left half-written`, exitCodeOf(signal));
};
const onSignal = (signal: NodeJS.Signals) => stop(signal);
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

function exitCodeOf(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 15);
}

/** Lets a signal that arrived during synchronous work run its handler now. */
const signalsHandled = () => new Promise<void>((done) => setImmediate(done));

console.log(`Opening the database ${databasePath} (creating and migrating it if needed)`);
let opened: ReturnType<typeof nodeDeps>;
try {
  opened = nodeDeps();
} catch (err) {
  fail(describeStartupError(err, 'database', where));
}
const { deps, handle } = opened;
await signalsHandled();

const secret = await ensureAdminToken({ deps });
if (secret) {
  console.log('Created the first admin token. It is shown only this once; store it now:');
  console.log(`  ${secret}`);
  console.log('Try it:');
  console.log(`  curl -H "Authorization: Bearer ${secret}" ${deps.config.publicUrl}/api/v1/components`);
}
await signalsHandled();

// Public cache hits are answered at the edge; everything else goes through the Hono app (src/node-server.ts).
const server: Server = createNodeServer(deps);
// While stopping, every answer closes its connection, so keep-alive clients move on at once.
server.prependListener('request', (_req, res) => {
  if (phase === 'stopping') res.shouldKeepAlive = false;
});
await new Promise<void>((listening) => {
  server.once('error', (err) => {
    handle.close();
    fail(describeStartupError(err, 'listen', where));
  });
  server.listen(env.port, env.host, listening);
});
const address = server.address();
const port = typeof address === 'object' && address ? address.port : env.port;
const shown =
  env.host === '0.0.0.0' || env.host === '::' ? `localhost:${port} (all interfaces)` : `${env.host}:${port}`;
console.log(`Afterword is listening on http://${shown} (database: ${handle.sqlite.name})`);
phase = 'running';

let slaTick: Promise<void> | null = null;
function runSlaTick() {
  if (slaTick || phase !== 'running') return;
  slaTick = tickNotify({ deps })
    .then((report) => {
      for (const d of report.deliveries) {
        if (d.outcome === 'retry' || d.outcome === 'dead') {
          console.warn(`[afterword] notification ${d.alertId} (${d.kind}, ${d.channel}) ${d.outcome}: ${d.error}`);
        }
      }
    })
    .catch((err) => console.error('[afterword] notify tick failed:', err))
    .finally(() => {
      slaTick = null;
    });
}
runSlaTick();
const slaInterval = setInterval(runSlaTick, NOTIFY_TICK_INTERVAL_MS);
slaInterval.unref();

stop = (signal) => {
  if (phase === 'stopping') {
    // A second Ctrl-C: the operator does not want to wait.
    fail(`${signal} again: stopping now, without waiting`, exitCodeOf(signal));
  }
  phase = 'stopping';
  console.log(
    `afterword: ${signal}: finishing in-flight requests and SLA delivery (at most ${env.shutdownMs / 1000} s)`,
  );
  void shutdown();
};

async function shutdown() {
  clearInterval(slaInterval);
  let late = false;
  const deadline = new Promise<void>((due) =>
    setTimeout(() => {
      late = true;
      due();
    }, env.shutdownMs).unref(),
  );
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeIdleConnections();
  await Promise.race([Promise.all([closed, slaTick]), deadline]);
  if (late) {
    console.error(`afterword: shutdown took longer than ${env.shutdownMs / 1000} s; closing the remaining connections`);
    server.closeAllConnections();
  }
  handle.close();
  console.log('afterword: stopped; the database is closed');
  process.exit(late ? 1 : 0);
}
