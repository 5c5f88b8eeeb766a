// `postmortem lint` and `postmortem new` as a user runs them: globs and many files in one process,
// exit codes 0/1/2, the json, SARIF 2.1.0 (validated against the schema) and GitHub outputs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@cfworker/json-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintPostmortem } from '../../src/core/postmortem/lint';
import { CLI_ENTRY, ROOT, runCliInProcess } from '../helpers/processes';

// A database path that cannot be opened proves the commands never touch the database.
const NO_DATABASE = { DATABASE_PATH: '/nonexistent-dir/afterword.db' };
const CORPUS = 'test/postmortem/corpus';
const LEXICON = `${CORPUS}/lexicon.json`;

async function pm(args: string[]) {
  const r = await runCliInProcess(['postmortem', ...args], NO_DATABASE);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'afterword-pm-'));
});

describe('postmortem lint', () => {
  it('lints a glob of many files in one run and exits 1 when any has an error', async () => {
    const r = await pm(['lint', '--format', 'json', '--config', LEXICON, `${CORPUS}/*.md`]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.files.length).toBeGreaterThanOrEqual(12);
    expect(out.files.find((f: { file: string }) => f.file.endsWith('clean-sev1-checkout-payments.md')).ok).toBe(true);
    const finding = out.findings.find((f: { rule: string }) => f.rule === 'timeline/source');
    expect(finding).toEqual({
      file: `${CORPUS}/flawed-timeline-no-source.md`,
      rule: 'timeline/source',
      severity: 'error',
      line: 21,
      column: 3,
      message: expect.stringContaining('no source'),
      suggestion: expect.any(String),
    });
  });

  it('exits 0 on clean files, and on warnings alone', async () => {
    const clean = await pm(['lint', '--config', LEXICON, `${CORPUS}/clean-*.md`, `${CORPUS}/flawed-too-short.md`]);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('3 file(s) checked, 0 with errors: 0 error(s), 1 warning(s)');
    expect(clean.out).toContain('warning  length/range');
  });

  it('prints the line, a caret under the column and the suggestion', async () => {
    const r = await pm(['lint', `${CORPUS}/flawed-header-duration.md`]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`${CORPUS}/flawed-header-duration.md:8:17  error  header/duration`));
    expect(at).toBeGreaterThanOrEqual(0);
    const caret = lines[at + 2] ?? '';
    const source = lines[at + 1] ?? '';
    expect(source.slice(caret.indexOf('^'))).toBe('35m');
    expect(lines[at + 3]).toContain('suggestion: write "53m"');
  });

  it('exits 2 on usage errors: unknown format, no match, unreadable file, bad lexicon or lengths', async () => {
    writeFileSync(join(dir, 'bad-lexicon.json'), JSON.stringify({ employees: 'Jane' }));
    const cases = [
      ['lint', '--format', 'xml', `${CORPUS}/clean-sev2-search-latency.md`],
      ['lint', `${CORPUS}/no-such-*.md`],
      ['lint', join(dir, 'missing.md')],
      ['lint', '--config', join(dir, 'bad-lexicon.json'), `${CORPUS}/clean-sev2-search-latency.md`],
      ['lint', '--lengths', 'SEV-1=2500-1500', `${CORPUS}/clean-sev2-search-latency.md`],
      ['lint'],
    ];
    for (const args of cases) {
      const r = await pm(args);
      expect([args, r.code]).toEqual([args, 2]);
    }
  });

  it('--lengths replaces the range of one severity', async () => {
    const r = await pm(['lint', '--lengths', 'SEV-2=300-800', `${CORPUS}/flawed-too-short.md`]);
    expect(r.out).toContain('0 error(s), 0 warning(s)');
  });

  it('writes SARIF 2.1.0 that validates against the schema, with ruleId, uri and region', async () => {
    const r = await pm(['lint', '--format', 'sarif', '--config', LEXICON, `${CORPUS}/*.md`]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.out);
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    const validation = new Validator(schema, '4', false).validate(sarif);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    // The validator must reject what the schema forbids, or the check above proves nothing.
    expect(new Validator(schema, '4').validate({ ...sarif, version: '2.0.0' }).valid).toBe(false);

    const run = sarif.runs[0];
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('afterword postmortem lint');
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'header/reviewers');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `${CORPUS}/flawed-header-reviewer-is-author.md` },
      region: { startLine: 11, startColumn: 18 },
    });
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('header/reviewers');
    expect(run.results.find((x: { ruleId: string }) => x.ruleId === 'length/range').level).toBe('warning');
  });

  it('prints GitHub workflow-command annotations, escaped', async () => {
    const r = await pm(['lint', '--format', 'github', `${CORPUS}/flawed-lists.md`, `${CORPUS}/flawed-too-short.md`]);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toContain(
      `::error file=${CORPUS}/flawed-lists.md,line=77,col=3,title=postmortem open-questions/owner::This open question names no one to chase it.%0ASuggestion: end it with the person following it up, e.g. "— @sam" or "(owner%3A Sam Lee)"`.replace(
        '(owner%3A',
        '(owner:',
      ),
    );
    expect(lines.some((l) => l.startsWith(`::warning file=${CORPUS}/flawed-too-short.md,line=1,col=3,`))).toBe(true);
    expect(lines.every((l) => /^::(error|warning) file=[^:]+,line=\d+,col=\d+,title=[^:]+::[^\n]+$/.test(l))).toBe(
      true,
    );
  });
});

describe('postmortem new', () => {
  it("writes the template with today's date and every section the linter expects", async () => {
    const r = await pm(['new', 'Checkout: payments failed', '--severity', 'SEV-1', '--dir', dir]);
    expect(r.code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const file = r.out.trim();
    expect(file).toBe(join(dir, `${today}-checkout-payments-failed.md`));
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Checkout: payments failed\n/);
    expect(text).toContain(`- **Severity:** SEV-1\n- **Date:** ${today}\n`);
    const rules = lintPostmortem(text, {}).findings.map((f) => f.rule);
    expect(rules).not.toContain('sections/missing');
    // What the writer still has to fill in is what the linter asks for.
    expect(rules).toEqual(expect.arrayContaining(['header/missing', 'five-whys/root-cause', 'action-items/wish']));
  });

  it('never overwrites, and needs a known severity (exit 2)', async () => {
    const out = join(dir, 'exists.md');
    writeFileSync(out, 'mine');
    expect((await pm(['new', 'T', '--severity', 'SEV-2', '--out', out])).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await pm(['new', 'T', '--severity', 'SEV-4', '--dir', dir])).code).toBe(2);
    expect((await pm(['new', 'T', '--dir', dir])).code).toBe(2);
    expect(existsSync(join(dir, `${new Date().toISOString().slice(0, 10)}-t.md`))).toBe(false);
  });
});

describe('the lint path loads no database code', () => {
  it('`afterword postmortem lint` (the compiled bin) loads neither better-sqlite3 nor drizzle (real process)', () => {
    // A preload that lists, at exit, every CommonJS module loaded (better-sqlite3 is one).
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      "import { createRequire } from 'node:module';\nconst M = createRequire(import.meta.url)('node:module');\nprocess.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(M._cache).filter((k) => /better-sqlite3|drizzle-orm/.test(k))) + '\\n'));\n",
    );
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', probe, CLI_ENTRY, ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_PATH: join(dir, 'probe.db') },
      });
    const lint = run(['postmortem', 'lint', '--format', 'json', `${CORPUS}/clean-sev2-search-latency.md`]);
    expect(lint.status, lint.stderr).toBe(0);
    expect(JSON.parse(lint.stdout).ok).toBe(true);
    expect(lint.stderr).toContain('LOADED []');
    // The probe sees the driver when a command does load it.
    const tokens = run(['token', 'list']);
    expect(tokens.stderr).toMatch(/LOADED \[".*better-sqlite3/);
  });
});
