// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another.
// Pass names to run a subset: `npm run bench -- lint`.
//
// A bench that times our code in its own process (`lint`) runs from an esbuild bundle built the way
// `npm run build` and wrangler build the shipped code (names not kept). Under tsx every function
// defined inside another gets its name set each time it is created (`keepNames`), a cost no
// deployment pays: about 5% of a lint. The others run under tsx (they start servers and workers).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const BUNDLED = new Set(['lint.bench.ts']);
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  let args = ['--import', 'tsx', join(here, file)];
  if (BUNDLED.has(file)) {
    // Under node_modules/.cache (which git, biome and knip leave alone), so its packages resolve from node_modules.
    const outfile = join(here, '..', 'node_modules', '.cache', 'afterword-bench', file.replace(/\.ts$/, '.mjs'));
    mkdirSync(dirname(outfile), { recursive: true });
    await build({
      entryPoints: [join(here, file)],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    args = [outfile];
  }
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (files.length === 0) console.log('No benchmarks matched.');
process.exitCode = failed ? 1 : 0;
