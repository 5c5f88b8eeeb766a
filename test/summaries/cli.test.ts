// `lint` as a user runs it: files and stdin, exit codes 0/1/2, pretty and json output. Two cases
// spawn the real process (argv, stdin, exit status); the rest run the same CLI in-process for speed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLEAN, LEAKY, LEXICON } from '../core/summary/fixtures';
import { CLI_ENTRY, runCliInProcess } from '../helpers/processes';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'afterword-lint-'));
  writeFileSync(join(dir, 'clean.md'), CLEAN);
  writeFileSync(join(dir, 'leaky.md'), LEAKY);
  writeFileSync(join(dir, 'lexicon.json'), JSON.stringify(LEXICON));
  writeFileSync(join(dir, 'bad-lexicon.json'), JSON.stringify({ employees: 'Jane Doe' }));
  writeFileSync(join(dir, 'not-json.json'), '{ employees: [');
  writeFileSync(join(dir, 'binary.md'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0xff]));
});

// A database path that cannot be opened proves `lint` never touches the database.
const NO_DATABASE = { DATABASE_PATH: '/nonexistent-dir/afterword.db' };

async function lint(args: string[], input?: string) {
  const r = await runCliInProcess(['lint', ...args], NO_DATABASE, input);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function lintProcess(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI_ENTRY, 'lint', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...NO_DATABASE },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('afterword lint', () => {
  it('exits 0 on a clean summary (real process)', () => {
    const r = lintProcess(['--config', join(dir, 'lexicon.json'), join(dir, 'clean.md')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok: 0 error(s), 0 warning(s)');
  });

  it('exits 1 and shows line, caret and suggestion for each finding', async () => {
    const r = await lint(['--config', join(dir, 'lexicon.json'), join(dir, 'leaky.md')]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => /leaky\.md:4:\d+ +error +employee-name/.test(l));
    expect(at).toBeGreaterThanOrEqual(0);
    const source = lines[at + 1] ?? '';
    const caret = lines[at + 2] ?? '';
    expect(source).toContain('Jane pushed a bad config');
    expect(source.slice(caret.indexOf('^'), caret.lastIndexOf('^') + 1)).toBe('Jane');
    expect(lines[at + 3]).toContain('suggestion: an engineer');
  });

  it('prints { ok, words, findings } with --format json and reads stdin for - (real process)', () => {
    const r = lintProcess(['--format', 'json', '--config', join(dir, 'lexicon.json'), '-'], LEAKY);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['ok', 'words', 'findings']);
    expect(json.findings).toContainEqual(expect.objectContaining({ rule: 'codename', text: 'Bluebird', line: 13 }));
  });

  it('lints without a lexicon: the tool catalogue still applies', async () => {
    const r = await lint(['--format', 'json', '-'], CLEAN.replace('A configuration change', 'A PagerDuty alert'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings).toEqual([expect.objectContaining({ rule: 'internal-tool', text: 'PagerDuty' })]);
  });

  it.each([
    ['a missing file', ['/nonexistent/summary.md'], /cannot read/],
    ['a malformed lexicon', ['--config', 'BAD', 'CLEAN'], /employees/],
    ['a lexicon that is not JSON', ['--config', 'NOTJSON', 'CLEAN'], /not valid JSON/],
    ['binary input', ['BINARY'], /binary/],
    ['an unknown format', ['--format', 'xml', 'CLEAN'], /xml/],
    ['no file at all', [], /missing required argument/],
  ])('exits 2 on %s', async (_label, args, message) => {
    const resolved = args.map(
      (a) =>
        ({
          BAD: join(dir, 'bad-lexicon.json'),
          NOTJSON: join(dir, 'not-json.json'),
          CLEAN: join(dir, 'clean.md'),
          BINARY: join(dir, 'binary.md'),
        })[a] ?? a,
    );
    const r = await lint(resolved);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
