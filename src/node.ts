// Node entry: the embedded SQLite default. `npm start` runs this.
import { Server as HttpServer } from 'node:http';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './http/create-app';
import { nodeDeps } from './node-deps';
import { ensureAdminToken } from './services/bootstrap';
import { tickSla } from './services/sla-tick';

/** The SLA tick runs every minute; a tick still running when the next is due is not overlapped. */
export const SLA_TICK_INTERVAL_MS = 60_000;

const port = Number(process.env.PORT || 8787);
const { deps, handle } = nodeDeps();

const secret = await ensureAdminToken({ deps });
if (secret) {
  console.log('Created the first admin token. It is shown only this once; store it now:');
  console.log(`  ${secret}`);
  console.log('Try it:');
  console.log(`  curl -H "Authorization: Bearer ${secret}" ${deps.config.publicUrl}/api/v1/components`);
}

const app = createApp(deps);
app.use('/*', serveStatic({ root: './public' }));

const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Afterword is listening on http://localhost:${info.port} (database: ${handle.sqlite.name})`);
});
// Idle keep-alive sockets outlive the clients' and proxies' (undici 4 s, load balancers 60 s), so a
// client never reuses a socket the server is closing at that very moment.
if (server instanceof HttpServer) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

let slaTick: Promise<void> | null = null;
function runSlaTick() {
  if (slaTick) return;
  slaTick = tickSla({ deps })
    .then((report) => {
      for (const d of report.deliveries) {
        if (d.outcome !== 'delivered') {
          console.warn(`[afterword] SLA alert ${d.alertId} (${d.checkpoint}, ${d.channel}) ${d.outcome}: ${d.error}`);
        }
      }
    })
    .catch((err) => console.error('[afterword] SLA tick failed:', err))
    .finally(() => {
      slaTick = null;
    });
}
runSlaTick();
const slaInterval = setInterval(runSlaTick, SLA_TICK_INTERVAL_MS);
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
