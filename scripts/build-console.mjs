// Bundles the console's live checking (src/http/console/client/editor.ts, which runs the same pure
// lintSummary as the server) into public/console.js for the browser. Built, never committed: it
// follows src/core/summary on every `npm install` / `npm run build` (and before the tests).
// The lexicon module declares a zod schema at load time that the browser never uses (the server
// validated the lexicon it ships): an inert stand-in keeps zod out of the bundle.
import { build } from 'esbuild';

export async function buildConsole(outfile = 'public/console.js') {
  await build({
    entryPoints: ['src/http/console/client/editor.ts'],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    legalComments: 'none',
    alias: { 'zod/mini': './src/http/console/client/zod-stub.ts' },
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildConsole(process.argv[2]);
