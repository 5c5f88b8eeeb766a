// vitest global setup: compiles dist/ once per run, so the tests that start the server or the CLI as
// real processes run what `npm start` and the `afterword` bin run (and start in a fraction of tsx's time).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function buildDist() {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: resolve(import.meta.dirname, '..'), stdio: 'inherit' });
}
