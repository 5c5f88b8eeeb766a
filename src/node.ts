// Node entry: the embedded SQLite default. `npm start` runs this.
import { nodeDeps } from './node-deps';
import { createNodeServer } from './node-server';
import { ensureAdminToken } from './services/bootstrap';
import { tickNotify } from './services/notify-tick';

/**
 * The notify tick (SLA checkpoints, subscriber fan-out, delivery of the whole outbox) runs every
 * 15 seconds; a tick still running when the next is due is not overlapped.
 */
export const NOTIFY_TICK_INTERVAL_MS = 15_000;

const port = Number(process.env.PORT || 8787);
const { deps, handle } = nodeDeps();

const secret = await ensureAdminToken({ deps });
if (secret) {
  console.log('Created the first admin token. It is shown only this once; store it now:');
  console.log(`  ${secret}`);
  console.log('Try it:');
  console.log(`  curl -H "Authorization: Bearer ${secret}" ${deps.config.publicUrl}/api/v1/components`);
}

// Public cache hits are answered at the edge; everything else goes through the Hono app (src/node-server.ts).
const server = createNodeServer(deps);
server.listen(port, () => {
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : port;
  console.log(`Afterword is listening on http://localhost:${listening} (database: ${handle.sqlite.name})`);
});

let slaTick: Promise<void> | null = null;
function runSlaTick() {
  if (slaTick) return;
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

function shutdown() {
  clearInterval(slaInterval);
  server.close(async () => {
    await slaTick; // let an in-flight delivery record its outcome before the database closes
    handle.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
