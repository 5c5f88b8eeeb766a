// CLI start-up: the compiled bin linting one postmortem (issue 14) and one customer summary (issue 11),
// and printing its help, wall time per run, against a bare `node -e 0` on the same machine (the floor
// no CLI can beat). Targets: both lints under 300 ms, --help under 200 ms.
// `npm run bench -- postmortem` (builds dist/ first if it is missing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// The customer summary: the postmortem's customer-facing section, as a team would lint it alone.
const summaryFile = join(mkdtempSync(join(tmpdir(), 'afterword-bench-')), 'summary.md');
const postmortem = readFileSync(join(root, file), 'utf8');
const section = /^## Customer-facing summary\n([\s\S]*?)(?=^## )/m.exec(postmortem)?.[1] ?? '';
writeFileSync(summaryFile, section);

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const bare = measure(['-e', '0']);
const targets: [string, string[], number][] = [
  ['afterword postmortem lint (1 file)', ['dist/cli.js', 'postmortem', 'lint', file], 300],
  ['afterword lint (1 summary)', ['dist/cli.js', 'lint', summaryFile], 300],
  ['afterword --help', ['dist/cli.js', '--help'], 200],
];
const row = (name: string, xs: number[]) =>
  `${name.padEnd(34)} median ${pct(xs, 50).toFixed(0).padStart(5)} ms   p90 ${pct(xs, 90).toFixed(0).padStart(5)} ms`;
console.log(row('node -e 0', bare));
for (const [name, args, target] of targets) {
  const xs = measure(args);
  console.log(row(name, xs));
  console.log(
    `  ratio to bare node: ${(pct(xs, 50) / pct(bare, 50)).toFixed(2)}x; CLI's own share ${(pct(xs, 50) - pct(bare, 50)).toFixed(0)} ms; ${
      pct(xs, 50) < target
        ? `target met: median under ${target} ms`
        : `target missed: median ${target} ms or more (check the machine load)`
    }`,
  );
}
