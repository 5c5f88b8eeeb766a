// `afterword postmortem lint` start-up: the compiled bin linting one postmortem, wall time per run,
// against a bare `node -e 0` on the same machine (the floor no CLI can beat). Target: under 300 ms.
// `npm run bench -- postmortem` (builds dist/ first if it is missing).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist/cli.js'))) spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });

const RUNS = Number(process.env.RUNS ?? 20);
const file = 'test/postmortem/corpus/clean-sev1-checkout-payments.md';

function measure(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (i >= 3) times.push(ms); // three warm-up runs (file cache)
  }
  return times.sort((a, b) => a - b);
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const bare = measure(['-e', '0']);
const lint = measure(['dist/cli.js', 'postmortem', 'lint', file]);
const row = (name: string, xs: number[]) =>
  `${name.padEnd(34)} median ${pct(xs, 50).toFixed(0).padStart(5)} ms   p90 ${pct(xs, 90).toFixed(0).padStart(5)} ms`;
console.log(row('node -e 0', bare));
console.log(row('afterword postmortem lint (1 file)', lint));
console.log(
  `ratio to bare node: ${(pct(lint, 50) / pct(bare, 50)).toFixed(2)}x; CLI's own share ${(pct(lint, 50) - pct(bare, 50)).toFixed(0)} ms`,
);
console.log(
  pct(lint, 50) < 300
    ? 'target met: median under 300 ms'
    : 'target missed: median 300 ms or more (check the machine load)',
);
