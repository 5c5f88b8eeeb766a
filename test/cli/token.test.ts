// The token and migrate commands: contract of flags, output and exit codes.
import { describe, expect, it } from 'vitest';
import { runCli, runCliInProcess, tempDbPath } from '../helpers/processes';

describe('cli (as a real process)', () => {
  it('migrate creates the database file', () => {
    const DATABASE_PATH = tempDbPath();
    const r = runCli(['migrate'], { DATABASE_PATH });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('up to date');
  });
});

describe('cli', () => {
  it('token create prints the token alone on the last line; list never shows it', async () => {
    const DATABASE_PATH = tempDbPath();
    const r = await runCliInProcess(
      ['token', 'create', '--name', 'ci', '--scope', 'incidents:write', 'summaries:publish'],
      {
        DATABASE_PATH,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const secret = r.stdout.trimEnd().split('\n').at(-1);
    expect(secret).toMatch(/^aw_[A-Za-z0-9_-]{43}$/);
    const list = await runCliInProcess(['token', 'list'], { DATABASE_PATH });
    expect(list.stdout).toMatch(/ci {2}\[incidents:write,summaries:publish\] {2}active/);
    expect(list.stdout).not.toContain(secret);
  });

  it.each([
    [['token', 'create', '--scope', 'admin']],
    [['token', 'create', '--name', 'x']],
    [['token', 'create', '--name', 'x', '--scope', 'root']],
    [['token', 'frobnicate']],
    [['nope']],
  ])('usage errors exit 2: %j', async (args) => {
    const r = await runCliInProcess(args, { DATABASE_PATH: tempDbPath() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error/i);
  });

  it('revoking an unknown token exits 1 with a message', async () => {
    const r = await runCliInProcess(['token', 'revoke', 'tok_nope'], { DATABASE_PATH: tempDbPath() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No token with id "tok_nope"');
  });

  it('every command has --help', async () => {
    for (const args of [
      ['--help'],
      ['migrate', '--help'],
      ['token', '--help'],
      ['token', 'create', '--help'],
      ['token', 'list', '--help'],
      ['token', 'revoke', '--help'],
    ]) {
      const r = await runCliInProcess(args, { DATABASE_PATH: tempDbPath() });
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage:');
    }
  });
});

describe('token create --sql (first token for a remote D1)', () => {
  it('prints an INSERT that, once executed, makes the printed token work; writes nothing locally', async () => {
    const { createWorld } = await import('../helpers/world');
    const DATABASE_PATH = tempDbPath();
    const r = await runCliInProcess(['token', 'create', '--name', 'd1-admin', '--scope', 'admin', '--sql'], {
      DATABASE_PATH,
    });
    expect(r.status, r.stderr).toBe(0);
    const [sql, secret] = r.stdout.trimEnd().split('\n');
    expect(sql).toMatch(/^INSERT INTO api_tokens /);
    expect(sql).not.toContain(secret);
    expect((await runCliInProcess(['token', 'list'], { DATABASE_PATH })).stdout).toContain('No tokens.');

    const world = createWorld();
    world.handle.sqlite.exec(sql!);
    const res = await world.call('GET', '/api/v1/tokens', { token: secret });
    expect(res.status).toBe(200);
    expect(res.json.tokens[0]).toMatchObject({ name: 'd1-admin', scopes: ['admin'] });
    world.close();
  });
});
