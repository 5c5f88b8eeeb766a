#!/usr/bin/env node
// The `afterword` bin (compiled: dist/cli.js). The CLI itself is one CommonJS file, dist/cli-bundle.cjs
// (program.ts and everything it imports but the SQLite driver, drizzle and the mailer), and this starter
// runs it through V8's code cache, dist/cli-bundle.cjs.cache. Node 20 has no compile cache for modules,
// and compiling the CLI's code was a third of what `afterword lint` cost (issue 11: within 300 ms).
// `npm run build` writes the cache after warm-up runs of lint, postmortem lint and --help, so it also holds
// the functions those compile lazily. The bundle's first line names its content (a SHA-1 the build
// computes); a cache that starts with another line, or that another V8 wrote, is ignored: the CLI then
// runs as it is, only slower. Nothing here writes at run time but the build's warm-up
// (AFTERWORD_CODE_CACHE_WARMUP).
import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import type { runCli as RunCli } from './program';

const file = fileURLToPath(new URL('./cli-bundle.cjs', import.meta.url));
const cacheFile = `${file}.cache`;
const bytes = readFileSync(file);
// The build writes the bundle in ASCII: read as latin1, it needs no UTF-8 decoding (several times faster).
const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
const header = source.startsWith('// afterword-cli ')
  ? Buffer.from(source.slice(0, source.indexOf('\n') + 1), 'latin1')
  : undefined;

function readCache(): Buffer | undefined {
  if (!header) return undefined;
  try {
    const cache = readFileSync(cacheFile);
    return cache.subarray(0, header.length).equals(header) ? cache.subarray(header.length) : undefined;
  } catch {
    return undefined;
  }
}

const script = new Script(`(function (exports, require, module, __filename, __dirname, __moduleUrl) {${source}\n})`, {
  filename: file,
  cachedData: readCache(),
});
const cli = { exports: {} as { runCli: typeof RunCli } };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, dirname(file), pathToFileURL(file).href);

const warmUp = process.env.AFTERWORD_CODE_CACHE_WARMUP;
if (warmUp) {
  // `npm run build`: run each command line given (a JSON array of argument arrays), then keep the cache.
  for (const argv of JSON.parse(warmUp) as string[][]) await cli.exports.runCli(argv);
  if (header) writeFileSync(cacheFile, Buffer.concat([header, script.createCachedData()]));
} else {
  process.exitCode = await cli.exports.runCli(process.argv.slice(2));
}
