// The `afterword` bin as a clone gets it: package.json's bin, `npx afterword`, --version, --help, and
// the command areas loaded lazily (no SQLite driver or database code for --help and lint).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandAreas } from '../../src/cli/commands';
import { pastSummary } from '../../src/cli/commands/seed-demo';
import { CLI_ENTRY, ROOT, runCli, tempDbPath } from '../helpers/processes';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const NO_DATABASE = { DATABASE_PATH: '/nonexistent-dir/afterword.db' };

/** Runs the bin with module-loading hooks (import and require) that report every database module the process loads. */
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
  // The bin runs the CLI as CommonJS (dist/cli-bundle.cjs), which loads the driver with require():
  // watch that too.
  writeFileSync(
    join(dir, 'register.mjs'),
    `import Module, { register } from 'node:module';
import { writeSync } from 'node:fs';
register('./hooks.mjs', import.meta.url);
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/better-sqlite3|drizzle-orm|node-deps|node-sqlite/.test(request)) writeSync(2, 'LOADED ' + request + '\\n');
  return load.call(this, request, ...rest);
};
`,
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

  it('starts from its code cache, and runs the same without it when the cache was made for other code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterword-cache-'));
    const at = Date.parse('2026-11-20T14:05:00Z');
    const summary = join(dir, 'ok.md');
    writeFileSync(summary, pastSummary('searches were slow.', at, at + 3_600_000, ['Search']));
    // V8 reports each code cache it deserializes (on stdout, lines in brackets); the CLI's is the one of
    // the cache file's size, less its first line (the bundle's first line, naming the code it was made for).
    const cache = readFileSync(join(ROOT, 'dist/cli-bundle.cjs.cache'));
    const cacheBytes = cache.length - (cache.indexOf('\n') + 1);
    const used = (r: { stdout: string }) => r.stdout.includes(`[Deserializing from ${cacheBytes} bytes`);
    const output = (r: { stdout: string }) => r.stdout.replace(/^\[(Verifying|Deserializing) .*\n/gm, '');
    const run = (cli: string) =>
      spawnSync(process.execPath, ['--profile-deserialization', cli, 'lint', summary], { encoding: 'utf8' });

    const cached = run(join(ROOT, CLI_ENTRY));
    expect(cached.status, cached.stderr).toBe(0);
    expect(used(cached)).toBe(true);

    // A copy of the bin whose cache names other code (another SHA-1): ignored, same result.
    for (const f of ['cli.js', 'cli-bundle.cjs']) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
    const stale = Buffer.from(cache);
    stale[20] = (stale[20] ?? 0) ^ 0x01; // a character of the SHA-1 on the first line
    writeFileSync(join(dir, 'cli-bundle.cjs.cache'), stale);
    const uncached = run(join(dir, 'cli.js'));
    expect(uncached.status, uncached.stderr).toBe(0);
    expect(used(uncached)).toBe(false);
    expect(output(cached)).toMatch(/^ok: 0 error\(s\)/);
    expect(output(uncached)).toBe(output(cached));
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
