// Writes public/api/openapi.json (the OpenAPI 3.1 document, served as a static asset on Node and
// Workers at /api/openapi.json) from src/http/openapi-routes.ts, which lists the operations with the
// zod schemas the routes validate with. Built at build time, never committed, never in the Worker.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { importSource } from './import-source.mjs';

export async function buildOpenApi(outfile = 'public/api/openapi.json') {
  const { openApiDocument } = await importSource("export { openApiDocument } from './src/http/openapi-routes';");
  const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, `${JSON.stringify(openApiDocument(version), null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildOpenApi(process.argv[2]);
