// Writes public/problems/<code>.html, one page per problem `type` (src/http/problem-pages.ts), served as
// static files on Node and Workers. Built at build time, never committed, never in the Worker bundle.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSource } from './import-source.mjs';

export async function buildProblemPages(outdir = 'public/problems') {
  const { ERROR_CODES, problemPageHtml } = await importSource(
    "export { ERROR_CODES } from './src/core/errors'; export { problemPageHtml } from './src/http/problem-pages';",
  );
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  for (const code of ERROR_CODES) writeFileSync(join(outdir, `${code}.html`), problemPageHtml(code));
}

if (import.meta.url === `file://${process.argv[1]}`) await buildProblemPages(process.argv[2]);
