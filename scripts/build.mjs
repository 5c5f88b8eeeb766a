// Compiles the Node entries to dist/: dist/node.js (the server `npm start` runs) and dist/cli.js (the
// `afterword` bin), and public/console.js (the console editor's script, scripts/build-console.mjs) and
// public/api/openapi.json (scripts/build-openapi.mjs). One ESM bundle
// per Node entry with shared chunks; each CLI command area is its own chunk,
// loaded only when that command runs. node_modules stay external (better-sqlite3 is native).
// Runs on `npm install` / `npm ci` (the `prepare` script) and as `npm run build`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildConsole } from './build-console.mjs';
import { buildOpenApi } from './build-openapi.mjs';

// Only what this build writes: `wrangler deploy --dry-run --outdir dist` may have left the Worker bundle here.
for (const old of ['dist/chunks', 'dist/node.js', 'dist/cli.js']) rmSync(old, { recursive: true, force: true });

try {
  await build({
    entryPoints: { node: 'src/node.ts', cli: 'src/cli/main.ts' },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
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
