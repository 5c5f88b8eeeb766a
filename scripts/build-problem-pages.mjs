// Writes public/problems/<code>.html, one page per problem `type` (src/http/problem-pages.ts), served as
// static files on Node and Workers. Built at build time, never committed, never in the Worker bundle.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function buildProblemPages(outdir = 'public/problems') {
  const bundled = await build({
    stdin: {
      contents: "export { ERROR_CODES } from './src/core/errors'; export { problemPageHtml } from './src/http/problem-pages';",
      resolveDir: '.',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  const code = bundled.outputFiles[0].text;
  const { ERROR_CODES, problemPageHtml } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  for (const code of ERROR_CODES) writeFileSync(join(outdir, `${code}.html`), problemPageHtml(code));
}

if (import.meta.url === `file://${process.argv[1]}`) await buildProblemPages(process.argv[2]);
