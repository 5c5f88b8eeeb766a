// Compiles the Node entries to dist/: dist/node.js (the server `npm start` runs) and dist/cli.js (the
// `afterword` bin), and public/console.js (the console editor's script, scripts/build-console.mjs),
// public/api/openapi.json (scripts/build-openapi.mjs) and public/problems/ (the problem-type pages,
// scripts/build-problem-pages.mjs). The server is an ESM bundle with shared chunks; its node_modules stay external (better-sqlite3 is native). The CLI is one CommonJS file
// (dist/cli-bundle.cjs) with its V8 code cache, started by dist/cli.js (src/cli/bin.ts); each command
// area's code in it is evaluated only when that command runs.
// Runs on `npm install` / `npm ci` (the `prepare` script) and as `npm run build`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildConsole } from './build-console.mjs';
import { buildOpenApi } from './build-openapi.mjs';
import { buildProblemPages } from './build-problem-pages.mjs';

// Only what this build writes: `wrangler deploy --dry-run --outdir dist` may have left the Worker bundle here.
for (const old of ['dist/chunks', 'dist/node.js', 'dist/cli.js', 'dist/cli-bundle.cjs', 'dist/cli-bundle.cjs.cache']) {
  rmSync(old, { recursive: true, force: true });
}

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
  // The CLI: one CommonJS file with its dependencies bundled in (all but the SQLite driver, drizzle and the
  // mailer, which only the database areas load), run by the `afterword` bin through V8's code cache
  // (src/cli/bin.ts). `afterword lint` then reads two files instead of resolving, reading and compiling
  // commander's, zod's and marked's hundred-odd modules on every call (issue 11: lint within 300 ms).
  await build({
    ...common,
    splitting: false,
    format: 'cjs',
    entryPoints: { 'cli-bundle': 'src/cli/program.ts' },
    outExtension: { '.js': '.cjs' },
    outdir: 'dist',
    external: ['better-sqlite3', 'drizzle-orm', 'nodemailer'],
    // The bin passes the bundle's own file URL (where the code finds drizzle/ and package.json).
    define: { 'import.meta.url': '__moduleUrl' },
  });
  await build({ ...common, splitting: false, entryPoints: { cli: 'src/cli/bin.ts' }, outdir: 'dist' });
  // In ASCII (esbuild leaves regular expressions and comments as written), so the bin reads it without
  // decoding UTF-8; under a first line naming its content, which the code cache must start with.
  const code = readFileSync('dist/cli-bundle.cjs', 'utf8').replace(/(\\*)([^\0-\x7f])/g, (_, slashes, c) => {
    // An escaped character (`\’` in a regular expression) becomes its escape, not a backslash and one.
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  const id = createHash('sha1').update(code).digest('hex');
  writeFileSync('dist/cli-bundle.cjs', `// afterword-cli ${id}\n${code}`);
  // The console's script, served from public/ on Node and Workers.
  await buildConsole();
  // The OpenAPI 3.1 document, served from public/api/openapi.json (scripts/build-openapi.mjs).
  await buildOpenApi();
  // The problem-type pages, served from public/problems/<code>.html (scripts/build-problem-pages.mjs).
  await buildProblemPages();
} catch {
  console.error('afterword: the build failed (see above); `npm start` and the `afterword` command need dist/.');
  process.exit(1);
}

// The CLI's code cache (src/cli/bin.ts): written after warm-up runs of the database-free commands, so it
// holds what they compile. Without it the CLI still works, only slower to start.
const warmDir = mkdtempSync(join(tmpdir(), 'afterword-warm-up-'));
const postmortem = join(warmDir, 'warm-up.md');
const warmUp = spawnSync(process.execPath, ['dist/cli.js'], {
  stdio: 'ignore',
  env: {
    ...process.env,
    AFTERWORD_CODE_CACHE_WARMUP: JSON.stringify([
      ['--help'],
      ['postmortem', 'new', 'Warm-up', '--severity', 'SEV-2', '--out', postmortem],
      ['postmortem', 'lint', postmortem],
      ['lint', postmortem],
    ]),
  },
});
rmSync(warmDir, { recursive: true, force: true });
if (warmUp.status !== 0) console.warn('afterword: the CLI warm-up failed; the CLI works, only without its code cache.');

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
