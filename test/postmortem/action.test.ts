// The GitHub Action run locally: action.yml's steps executed one by one with bash, as the runner
// does (`bash --noprofile --norc -eo pipefail`), with its ${{ }} inputs and step outputs filled in,
// on a throwaway git repository. A pull request lints what it changed; a push to main publishes.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, type RunningServer, runCliInProcess, startServer, tempDbPath } from '../helpers/processes';

interface Step {
  name: string;
  id?: string;
  shell: string;
  env?: Record<string, string>;
  run: string;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
};

interface ActionRun {
  ok: boolean;
  failedStep: string | null;
  log: string;
  outputs: Record<string, Record<string, string>>;
}

function runAction(
  repo: string,
  event: { name: string; ref: string; prBase?: string; before?: string },
  inputs: Record<string, string>,
): ActionRun {
  const given = {
    ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])),
    ...inputs,
  };
  const temp = mkdtempSync(join(tmpdir(), 'afterword-runner-'));
  const outputs: Record<string, Record<string, string>> = {};
  const context: Record<string, string> = {
    'github.action_path': ROOT,
    'github.event.pull_request.base.sha': event.prBase ?? '',
    'github.event.before': event.before ?? '',
  };
  const expand = (value: string) =>
    value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
      if (expr.startsWith('inputs.')) return given[expr.slice(7)] ?? '';
      const step = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (step) return outputs[step[1] ?? '']?.[step[2] ?? ''] ?? '';
      if (expr in context) return context[expr] ?? '';
      throw new Error(`the test runner does not know \${{ ${expr} }}`);
    });
  let log = '';
  for (const [i, step] of action.runs.steps.entries()) {
    expect(step.shell).toBe('bash');
    const outFile = join(temp, `output-${i}`);
    writeFileSync(outFile, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))]));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? temp,
        GITHUB_EVENT_NAME: event.name,
        GITHUB_REF: event.ref,
        // What the runner sets for every step; publish links the document from them.
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'acme/postmortems',
        GITHUB_SHA: git('rev-parse', 'HEAD'),
        GITHUB_REF_TYPE: 'branch',
        GITHUB_REF_NAME: event.ref.replace(/^refs\/heads\//, ''),
        GITHUB_WORKSPACE: repo,
        GITHUB_OUTPUT: outFile,
        RUNNER_TEMP: temp,
        ...env,
      },
      timeout: 120_000,
    });
    log += `## ${step.name}\n${r.stdout}${r.stderr}`;
    if (step.id) {
      outputs[step.id] = Object.fromEntries(
        readFileSync(outFile, 'utf8')
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    }
    if (r.status !== 0) return { ok: false, failedStep: step.name, log, outputs };
  }
  return { ok: true, failedStep: null, log, outputs };
}

const CORPUS = join(ROOT, 'test/postmortem/corpus');
let repo: string;
let base: string;
let server: RunningServer;
let token: string;

function git(...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'afterword-repo-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'postmortems'));
  cpSync(join(CORPUS, 'clean-sev2-search-latency.md'), join(repo, 'postmortems/2026-10-14-search.md'));
  cpSync(join(CORPUS, 'lexicon.json'), join(repo, 'postmortems/lexicon.json'));
  git('add', '.');
  git('commit', '-qm', 'first postmortem');
  base = git('rev-parse', 'HEAD');

  const DATABASE_PATH = tempDbPath();
  const created = await runCliInProcess(
    ['token', 'create', '--name', 'ci', '--scope', 'incidents:write', 'summaries:publish'],
    { DATABASE_PATH },
  );
  token = created.stdout.trimEnd().split('\n').at(-1) ?? '';
  server = await startServer({ DATABASE_PATH });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('action.yml', () => {
  it('is a composite action of bash steps with the inputs the example workflow passes', () => {
    expect(action.runs.using).toBe('composite');
    const workflow = parse(readFileSync(join(ROOT, 'docs/examples/postmortems.yml'), 'utf8'));
    const use = workflow.jobs.postmortems.steps.find((s: { id?: string }) => s.id === 'afterword');
    for (const key of Object.keys(use.with)) expect(Object.keys(action.inputs)).toContain(key);
  });

  it('on a pull request lints only the changed postmortems, annotates them and fails on errors', () => {
    git('checkout', '-qb', 'add-checkout');
    cpSync(join(CORPUS, 'flawed-timeline-no-source.md'), join(repo, 'postmortems/2026-11-26-checkout.md'));
    writeFileSync(join(repo, 'NOTES.md'), '# not a postmortem\n');
    git('add', '.');
    git('commit', '-qm', 'checkout postmortem');
    const run = runAction(
      repo,
      { name: 'pull_request', ref: 'refs/pull/7/merge', prBase: base },
      {
        config: 'postmortems/lexicon.json',
      },
    );
    expect(run.failedStep, run.log).toBe('Lint postmortems');
    expect(run.outputs.changed?.count).toBe('1');
    expect(run.log).toContain(
      '::error file=postmortems/2026-11-26-checkout.md,line=21,col=3,title=postmortem timeline/source::This row has no source',
    );
    expect(run.log).not.toContain('2026-10-14-search.md');
    const sarif = JSON.parse(readFileSync(run.outputs.lint?.sarif ?? '', 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['timeline/source']);
  });

  it('passes once the postmortem is fixed', () => {
    cpSync(join(CORPUS, 'clean-sev1-checkout-payments.md'), join(repo, 'postmortems/2026-11-26-checkout.md'));
    git('commit', '-qam', 'fix the timeline');
    const run = runAction(
      repo,
      { name: 'pull_request', ref: 'refs/pull/7/merge', prBase: base },
      {
        config: 'postmortems/lexicon.json',
      },
    );
    expect(run.ok, run.log).toBe(true);
    expect(run.log).not.toContain('::error');
  });

  it('on a push to main publishes the changed postmortems, and a second run changes nothing', () => {
    git('checkout', '-q', 'main');
    git('merge', '-q', '--ff-only', 'add-checkout');
    const head = git('rev-parse', 'HEAD');
    // The SEV-1 names an incident; on this fresh server it is created from the header instead.
    const file = join(repo, 'postmortems/2026-11-26-checkout.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- **Incident:** inc_checkout_1126\n', ''));
    git('commit', '-qam', 'no incident id yet');
    const inputs = { url: server.url, token };
    const first = runAction(repo, { name: 'push', ref: 'refs/heads/main', before: base }, inputs);
    expect(first.ok, first.log).toBe(true);
    expect(first.log).toMatch(/incident: inc_\w+ \(created, resolved\)/);
    expect(first.log).toContain('published: version 1');
    expect(first.log).not.toContain(token);
    const again = runAction(repo, { name: 'push', ref: 'refs/heads/main', before: base }, inputs);
    expect(again.ok, again.log).toBe(true);
    expect(again.log).toContain('published: unchanged (version 1)');
    // The document's own link, recorded once (it stops the internal postmortem's clock).
    const link = 'https://github.com/acme/postmortems/blob/main/postmortems/2026-11-26-checkout.md';
    expect(first.log).toContain(`postmortem link: recorded ${link}`);
    expect(again.log).toContain('postmortem link: unchanged');
    expect(head).not.toBe(base);
  });

  it('does nothing on other branches, and refuses to publish without url and token', () => {
    const other = runAction(repo, { name: 'push', ref: 'refs/heads/feature', before: base }, {});
    expect(other.ok, other.log).toBe(true);
    expect(other.outputs.changed?.mode).toBe('none');
    const missing = runAction(repo, { name: 'push', ref: 'refs/heads/main', before: base }, {});
    expect(missing.failedStep).toBe('Publish postmortems');
    expect(missing.log).toContain('publishing needs the url and token inputs');
    expect(existsSync(join(repo, 'node_modules'))).toBe(false);
  });
});
