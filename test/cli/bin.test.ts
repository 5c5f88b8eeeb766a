// The `afterword` bin as a clone gets it: package.json's bin, `npx afterword`, --version, --help, and
// the command areas loaded lazily (no SQLite driver or database code for --help and lint).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandAreas } from '../../src/cli/commands';
import { pastSummary } from '../../src/cli/commands/seed-demo';
import { CLI_ENTRY, ROOT, runCli, tempDbPath } from '../helpers/processes';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const NO_DATABASE = { DATABASE_PATH: '/nonexistent-dir/afterword.db' };

/** Runs the bin with a module-resolution hook that reports every database module the process loads. */
function runWatchingImports(args: string[], env: Record<string, string> = NO_DATABASE) {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-imports-'));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (/better-sqlite3|drizzle-orm|node-deps|node-sqlite/.test(specifier)) writeSync(2, 'LOADED ' + specifier + '\\n');
  return next(specifier, context);
}`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
  );
  return spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), CLI_ENTRY, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('afterword (the bin)', () => {
  it('is declared as a bin pointing at the compiled CLI, which starts with a node shebang', () => {
    expect(pkg.bin).toEqual({ afterword: CLI_ENTRY });
    expect(readFileSync(join(ROOT, CLI_ENTRY), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('--version prints the package version', () => {
    const r = runCli(['--version'], NO_DATABASE);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help lists every command area without loading the database driver', () => {
    const r = runWatchingImports(['--help']);
    expect(r.status, r.stderr).toBe(0);
    for (const area of commandAreas) expect(r.stdout).toContain(area.name);
    expect(r.stderr).not.toContain('LOADED');
  });

  it('lint loads no database code; a command that needs the database does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterword-lint-'));
    const at = Date.parse('2026-11-20T14:05:00Z');
    writeFileSync(join(dir, 'ok.md'), pastSummary('searches were slow.', at, at + 3_600_000, ['Search']));
    const lint = runWatchingImports(['lint', join(dir, 'ok.md')]);
    expect(lint.status, lint.stderr).toBe(0);
    expect(lint.stderr).not.toContain('LOADED');
    const migrate = runWatchingImports(['migrate'], { DATABASE_PATH: tempDbPath() });
    expect(migrate.stderr).toContain('LOADED better-sqlite3');
  });

  it('an area shows its own subcommands in help (help sla, sla --help)', () => {
    for (const args of [
      ['help', 'sla'],
      ['sla', '--help'],
    ]) {
      const r = runCli(args, NO_DATABASE);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/tick[\s\S]*status[\s\S]*retry/);
    }
  });

  it('an unknown command is a usage error (exit 2)', () => {
    const r = runCli(['frobnicate'], NO_DATABASE);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('npx afterword works in the clone', () => {
    const r = spawnSync('npx', ['--no-install', 'afterword', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
