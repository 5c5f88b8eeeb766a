// The Node server's life cycle as an operator meets it: SIGTERM lets in-flight work finish and exits 0
// with the database closed; `npm start` passes the signal on; a failed start is one line and non-zero.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, request, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentInput } from '../../src/core/inputs';
import { nodeDeps } from '../../src/node-deps';
import { createIncident } from '../../src/services/incidents';
import { getIncidentSla } from '../../src/services/sla-status';
import { createToken } from '../../src/services/tokens';
import { freePort, ROOT, SERVER_ENTRY, tempDbPath } from '../helpers/processes';
import { TEST_WEBHOOK_SECRET } from '../helpers/world';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Proc {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output contains `text`. */
  waitFor(text: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(command: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer) => {
    out += d;
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    output: () => out,
    exited,
    waitFor: (text) =>
      new Promise((done, fail) => {
        const check = () => out.includes(text) && done();
        waiters.push(check);
        check();
        void exited.then(() => (out.includes(text) ? done() : fail(new Error(`exited before "${text}":\n${out}`))));
      }),
  };
}

const startNode = (env: Record<string, string>) => run(process.execPath, [SERVER_ENTRY], env);
const tokenIn = (out: string) => /^\s+(aw_[A-Za-z0-9_-]{43})$/m.exec(out)?.[1] ?? '';

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

describe('stopping', () => {
  it('SIGTERM lets an in-flight request finish, then closes the database and exits 0', async () => {
    const DATABASE_PATH = tempDbPath();
    const port = await freePort();
    const server = startNode({ DATABASE_PATH, PORT: String(port) });
    await server.waitFor('listening on');

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ name: 'Checkout' });
    const answer = new Promise<{ status: number; text: string }>((done, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/components',
          headers: {
            Authorization: `Bearer ${tokenIn(server.output())}`,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => done({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', fail);
      req.write(body.slice(0, 5));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        void server.waitFor('finishing in-flight').then(() => req.end(body.slice(5)));
      }, 200);
    });

    const res = await answer;
    expect(res.status, res.text).toBe(201);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('the database is closed');
    // The last connection to close checkpoints the write-ahead log and removes it.
    expect(existsSync(`${DATABASE_PATH}-wal`)).toBe(false);
    expect(await portIsClosed(port)).toBe(true);
  });

  it('SIGTERM waits for an SLA delivery in progress, which records its outcome', async () => {
    let answerNow: (() => void) | null = null;
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((done) => {
      arrived = done;
    });
    const receiver = createServer((_req, res: ServerResponse) => {
      answerNow = () => res.writeHead(200).end('ok');
      arrived();
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    cleanups.push(() => {
      receiver.closeAllConnections();
      receiver.close();
    });
    const address = receiver.address();
    const hook = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;

    // The receiver is local: the server opts in to private targets, as local development does.
    const env = {
      DATABASE_PATH: tempDbPath(),
      AFTERWORD_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
    };
    const opened = nodeDeps({ ...process.env, ...env });
    await createToken({ deps: opened.deps, input: { name: 't', scopes: ['admin'] }, actor: null });
    const incident = await createIncident({
      deps: opened.deps,
      input: createIncidentInput.parse({
        title: 'Queue backlog',
        severity: 'SEV-1',
        startedAt: new Date(Date.now() - 30 * 3_600_000).toISOString(),
        lead: { name: 'Dana', webhookUrl: hook },
      }),
      actor: { tokenId: null, label: 'test' },
    });
    opened.handle.close();

    const server = startNode({ ...env, PORT: String(await freePort()) });
    await arrival; // the start-up tick is delivering T-24h, and the receiver holds the answer
    server.child.kill('SIGTERM');
    await server.waitFor('finishing in-flight');
    answerNow!();
    expect(await server.exited).toEqual({ code: 0, signal: null });

    const after = nodeDeps({ ...process.env, ...env });
    cleanups.push(() => after.handle.close());
    const { alerts } = await getIncidentSla({ deps: after.deps, incidentId: incident.id });
    expect(alerts.map((a) => [a.checkpoint, a.status])).toEqual([['T-24h', 'delivered']]);
  });

  it('npm start passes SIGTERM to the server: it stops, and nothing is left listening', async () => {
    const port = await freePort();
    const npm = run('npm', ['start'], { DATABASE_PATH: tempDbPath(), PORT: String(port) });
    await npm.waitFor('listening on');
    npm.child.kill('SIGTERM');
    const exit = await npm.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM', JSON.stringify(exit)).toBe(true);
    await npm.waitFor('the database is closed');
    expect(await portIsClosed(port)).toBe(true);
  });
});

describe('a start that cannot succeed says why in one line and exits non-zero', () => {
  const problemLines = (out: string) => out.split('\n').filter((l) => l.startsWith('afterword: '));

  it('PORT already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    cleanups.push(() => blocker.close());
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const server = startNode({ DATABASE_PATH: tempDbPath(), PORT: String(port) });
    expect((await server.exited).code).toBe(1);
    expect(problemLines(server.output())).toEqual([
      `afterword: port ${port} on 127.0.0.1 is already in use: stop the other server or set PORT`,
    ]);
    expect(server.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a database locked by another process (after waiting 5 s)', async () => {
    const DATABASE_PATH = tempDbPath();
    const other = new Database(DATABASE_PATH);
    other.exec('BEGIN EXCLUSIVE');
    cleanups.push(() => other.close());
    const server = startNode({ DATABASE_PATH, PORT: String(await freePort()) });
    expect((await server.exited).code).toBe(1);
    expect(problemLines(server.output())).toEqual([
      `afterword: the database ${DATABASE_PATH} is locked by another process (waited 5 s): stop that process, or set DATABASE_PATH`,
    ]);
  });

  it('a signal during start-up stops it before it listens, with the signal named', async () => {
    const DATABASE_PATH = tempDbPath();
    const other = new Database(DATABASE_PATH);
    other.exec('BEGIN EXCLUSIVE'); // holds the start-up in the database open for a moment
    cleanups.push(() => other.open && other.close());
    const server = startNode({ DATABASE_PATH, PORT: String(await freePort()) });
    await server.waitFor('Opening the database');
    server.child.kill('SIGTERM');
    setTimeout(() => other.exec('ROLLBACK'), 300);
    expect(await server.exited).toEqual({ code: 143, signal: null });
    expect(problemLines(server.output())).toEqual([
      'afterword: stopped by SIGTERM during start-up, before listening; nothing was left half-written',
    ]);
    expect(server.output()).not.toContain('listening on');
  });

  it('an invalid PORT', async () => {
    const server = startNode({ DATABASE_PATH: tempDbPath(), PORT: 'eighty' });
    expect((await server.exited).code).toBe(1);
    expect(problemLines(server.output())).toEqual([
      'afterword: PORT must be a whole number from 0 to 65535 (got "eighty")',
    ]);
  });
});
