// Loads TypeScript from src/ into a build script: `contents` (a module that re-exports what the script
// needs) is bundled with its imports by esbuild, in memory, and imported. Used for the build outputs
// computed from the sources (public/api/openapi.json, public/problems/).
import { build } from 'esbuild';

export async function importSource(contents) {
  const bundled = await build({
    stdin: { contents, resolveDir: '.', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
}
