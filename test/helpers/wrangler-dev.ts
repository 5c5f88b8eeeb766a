// The Worker as `npm run dev:worker` runs it: `wrangler dev` (local workerd + local D1) on its own
// port, inspector port and state directory, with D1 migrated by wrangler and filled with the demo
// data (seeded on SQLite by the same services, then copied over as SQL). Used by the Worker browser
// test and the Worker bench.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type SeedOptions, seedDemo } from '../../src/cli/commands/seed-demo';
import { parseConfig } from '../../src/config';
import { openSqlite, type SqliteHandle } from '../../src/db/node-sqlite';
import { createStore } from '../../src/db/store';
import { createToken } from '../../src/services/tokens';
import { freePort, ROOT } from './processes';

const run = promisify(execFile);
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
export const WRANGLER_ENV = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  // No colours and no interactive prompts in the captured output.
  CI: '1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

function sqlValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return `X'${Buffer.from(v).toString('hex')}'`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** Every row of every application table as INSERT statements (tables in creation order). */
function dumpSql(handle: SqliteHandle): string {
  const tables = handle.sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%migrations' ORDER BY rowid",
    )
    .all() as { name: string }[];
  const lines = ['PRAGMA defer_foreign_keys = true;'];
  for (const { name } of tables) {
    for (const row of handle.sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
      const cols = Object.keys(row);
      lines.push(
        `INSERT OR REPLACE INTO "${name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => sqlValue(row[c])).join(', ')});`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The demo data as SQL; with `adminToken`, also an admin API token (its row in the SQL, its secret
 * returned) for tests that write through the Worker's API.
 */
export async function demoSql(opts: Omit<SeedOptions, 'now'> & { now?: number; adminToken?: false }): Promise<string>;
export async function demoSql(
  opts: Omit<SeedOptions, 'now'> & { now?: number; adminToken: true },
): Promise<{ sql: string; token: string }>;
export async function demoSql(
  opts: Omit<SeedOptions, 'now'> & { now?: number; adminToken?: boolean },
): Promise<string | { sql: string; token: string }> {
  const handle = openSqlite(':memory:');
  try {
    const deps = {
      store: createStore(handle.db),
      clock: () => opts.now ?? Date.now(),
      config: parseConfig({}),
    };
    await seedDemo(deps, { now: opts.now ?? Date.now(), ...opts });
    if (!opts.adminToken) return dumpSql(handle);
    const { secret } = await createToken({ deps, input: { name: 'wrangler-dev', scopes: ['admin'] }, actor: null });
    return { sql: dumpSql(handle), token: secret };
  } finally {
    handle.close();
  }
}

/** Migrates the local D1 kept under `state` (as `--persist-to state` keeps it) and loads `sql` into it. */
export async function seedLocalD1(state: string, sql: string): Promise<void> {
  const seed = join(state, '..', 'seed.sql');
  writeFileSync(seed, sql);
  const common = { cwd: ROOT, env: WRANGLER_ENV, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 };
  await run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], common);
  await run(WRANGLER, ['d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', seed], common);
}

export interface WranglerDev {
  url: string;
  output(): string;
  stop(): Promise<void>;
  process: ChildProcess;
}

/**
 * Migrates a fresh local D1 in its own directory, loads `sql` into it, and starts `wrangler dev`.
 * Generous time-outs: three wrangler start-ups on a loaded 2-core machine take a while.
 */
export async function startWranglerDev(
  sql: string,
  vars: Record<string, string> = {},
  /** Another Worker (a directory with its wrangler.toml, no D1): for benchmarks' reference Workers. */
  workerDir?: string,
): Promise<WranglerDev> {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-wrangler-'));
  const state = join(dir, 'state');
  const cwd = workerDir ?? ROOT;
  if (workerDir === undefined) await seedLocalD1(state, sql);

  const port = await freePort();
  const inspector = await freePort();
  const args = [
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(inspector),
    '--persist-to',
    state,
    '--show-interactive-dev-session=false',
  ];
  for (const [k, v] of Object.entries({ PUBLIC_URL: `http://127.0.0.1:${port}`, ...vars }))
    args.push('--var', `${k}:${v}`);
  const child = spawn(WRANGLER, args, {
    cwd,
    env: WRANGLER_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((done) => {
      const finish = () => {
        rmSync(dir, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null || child.signalCode !== null) return finish();
      child.once('exit', finish);
      // wrangler starts workerd as a child: end the whole process group this test started.
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    });
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`wrangler dev did not start in 120 s:\n${out}`)), 120_000);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        fail(new Error(`wrangler dev exited with ${code}:\n${out}`));
      };
      child.once('exit', onExit);
      const check = () => {
        if (/Ready on/i.test(out)) {
          clearTimeout(timer);
          child.off('exit', onExit);
          ready();
        }
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
    });
    // "Ready on" can precede the first answer by a moment: wait for the health check.
    const until = Date.now() + 60_000;
    for (;;) {
      const ok = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > until) throw new Error(`wrangler dev never answered /healthz:\n${out}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, output: () => out, stop, process: child };
}
