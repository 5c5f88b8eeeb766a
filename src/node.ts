// Node entry: the embedded SQLite default. `npm start` runs this.
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './http/create-app';
import { nodeDeps } from './node-deps';
import { ensureAdminToken } from './services/bootstrap';

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

function shutdown() {
  server.close(() => {
    handle.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
