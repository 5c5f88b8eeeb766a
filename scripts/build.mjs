// Compiles the Node entries to dist/: dist/node.js (the server `npm start` runs) and dist/cli.js (the
// `afterword` bin), and public/console.js (the console editor's script, scripts/build-console.mjs) and
// public/api/openapi.json (scripts/build-openapi.mjs). One ESM bundle
// per Node entry with shared chunks; each CLI command area is its own chunk,
// loaded only when that command runs. The server's node_modules stay external (better-sqlite3 is
// native); the CLI bundles all but the driver and the mailer, so it starts fast.
// Runs on `npm install` / `npm ci` (the `prepare` script) and as `npm run build`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildConsole } from './build-console.mjs';
import { buildOpenApi } from './build-openapi.mjs';

// Only what this build writes: `wrangler deploy --dry-run --outdir dist` may have left the Worker bundle here.
for (const old of ['dist/chunks', 'dist/cli-chunks', 'dist/node.js', 'dist/cli.js']) rmSync(old, { recursive: true, force: true });

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
};

try {
  // The server: its dependencies stay in node_modules.
  await build({
    ...common,
    entryPoints: { node: 'src/node.ts' },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    packages: 'external',
  });
  // The CLI, with its dependencies bundled in: `afterword lint` then loads a handful of files instead of
  // commander's, zod's and marked's hundred-odd modules, each resolved, read and compiled on every call
  // (issue 11: lint within 300 ms). Only the native driver and the mailer stay in node_modules; they are
  // loaded by the database areas alone. Bundled CommonJS (commander) needs a real `require`.
  await build({
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    chunkNames: 'cli-chunks/[name]-[hash]',
    external: ['better-sqlite3', 'nodemailer'],
    banner: { js: "import { createRequire as __cliRequire } from 'node:module';\nconst require = __cliRequire(import.meta.url);" },
  });
  // The console's script, served from public/ on Node and Workers.
  await buildConsole();
  // The OpenAPI 3.1 document, served from public/api/openapi.json (scripts/build-openapi.mjs).
  await buildOpenApi();
} catch {
  console.error('afterword: the build failed (see above); `npm start` and the `afterword` command need dist/.');
  process.exit(1);
}

// The native module is built by better-sqlite3's own install step; say in one line what to do if it is
// missing (an install with --ignore-scripts, headers not found), instead of a stack trace at first start.
try {
  const { default: Database } = await import('better-sqlite3');
  new Database(':memory:').close();
} catch {
  console.warn(
    "afterword: better-sqlite3's native module is missing or was built for another Node: run `npm rebuild better-sqlite3` (set npm_config_nodedir to your Node's prefix if its headers are not in /usr/include/node; README, Set up)",
  );
}
