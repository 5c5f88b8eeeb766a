// `sla tick --now` and `sla status` on a database file, and a tick process killed mid-delivery.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app';
import { nodeDeps } from '../../src/node-deps';
import { createToken } from '../../src/services/tokens';
import { CLI_ENTRY, ROOT, runCliInProcess, tempDbPath } from '../helpers/processes';
import { TEST_WEBHOOK_SECRET } from '../helpers/world';
import { HOUR, startReceiver, startSmtpSink } from './helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const START = Date.parse('2026-12-01T09:00:00Z');
const at = (hours: number) => new Date(START + hours * HOUR).toISOString();

/** Creates a SEV-1 through the HTTP API (in-process app) on the database file the CLI will use. */
async function createIncidentThroughApi(env: Record<string, string>, lead: Record<string, unknown>): Promise<string> {
  const { deps, handle } = nodeDeps({ ...process.env, ...env });
  try {
    const { secret } = await createToken({ deps, input: { name: 'test', scopes: ['admin'] }, actor: null });
    const res = await createApp(deps).request('/api/v1/incidents', {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Login failures', severity: 'SEV-1', startedAt: at(0), lead }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  } finally {
    handle.close();
  }
}

function outbox(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        'select id, checkpoint, channel, status, attempts, delivered_at from notifications order by created_at, channel',
      )
      .all() as {
      id: string;
      checkpoint: string;
      channel: string;
      status: string;
      attempts: number;
      delivered_at: number | null;
    }[];
  } finally {
    db.close();
  }
}

describe('sla tick --now', () => {
  it('produces exactly the expected alerts at the expected instants, and publication stops them', async () => {
    const receiver = await startReceiver();
    const smtp = await startSmtpSink();
    cleanups.push(receiver.close, smtp.close);
    const env = {
      DATABASE_PATH: tempDbPath(),
      AFTERWORD_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
      SMTP_URL: smtp.url,
    };
    const id = await createIncidentThroughApi(env, {
      name: 'Dana',
      email: 'dana@example.test',
      webhookUrl: receiver.url,
    });

    const plan: [hours: number, checkpoint: string | null][] = [
      [0, null],
      [23.99, null],
      [24, 'T-24h'],
      [24.5, null],
      [42, 'T-6h'],
      [47, 'T-1h'],
      [48, 'deadline'],
      [71, null],
      [72, 'overdue-1'],
      [96, 'overdue-2'],
    ];
    for (const [hours, checkpoint] of plan) {
      const r = await runCliInProcess(['sla', 'tick', '--now', at(hours)], env);
      expect(r.status, r.stderr).toBe(0);
      const queued = r.stdout.split('\n').filter((l) => l.startsWith('queued '));
      if (checkpoint === null) {
        expect(queued, `at +${hours} h`).toEqual([]);
      } else {
        expect(queued.map((l) => l.split(/\s+/).slice(2))).toEqual([
          [id, checkpoint, 'webhook'],
          [id, checkpoint, 'email'],
        ]);
        expect(r.stdout).toContain(`SLA tick at ${at(hours)}: queued 2, delivered 2, retrying 0, dead 0`);
      }
    }
    expect(receiver.received.map((x) => x.json.checkpoint)).toEqual([
      'T-24h',
      'T-6h',
      'T-1h',
      'deadline',
      'overdue-1',
      'overdue-2',
    ]);
    expect(receiver.received.every((x) => x.signatureValid)).toBe(true);
    expect(smtp.mails).toHaveLength(6);

    const status = await runCliInProcess(['sla', 'status', '--now', at(97)], env);
    expect(status.stdout).toMatch(new RegExp(`${id}\\s+SEV-1\\s+breached\\s+2026-12-03T09:00:00.000Z`));
    const json = JSON.parse((await runCliInProcess(['sla', 'status', '--json', '--now', at(97)], env)).stdout);
    expect(json.clocks).toMatchObject([{ incidentId: id, state: 'breached', alertsSent: 12, alertsPending: 0 }]);

    // Publication (straight into the file, as the publish verb records it), then the confirmation.
    const db = new Database(env.DATABASE_PATH);
    db.prepare(
      `insert into summary_versions (id, incident_id, version, markdown, ok, words, findings, created_at, created_by)
       values ('sv_1', ?, 1, 'Sorry.', 1, 1, '[]', ?, 'test')`,
    ).run(id, START + 100 * HOUR);
    db.prepare(
      `insert into summary_publications (id, incident_id, version, summary_version_id, published_at, published_by)
       values ('sp_1', ?, 1, 'sv_1', ?, 'test')`,
    ).run(id, START + 100 * HOUR);
    db.close();
    // No summaryPublished hook ran (the row was written by hand): the tick itself settles the clock.
    const after = await runCliInProcess(['sla', 'tick', '--now', at(101)], env);
    expect(after.stdout).toContain(`settled    ${id}`);
    expect(after.stdout).toContain('delivered 2');
    for (const hours of [120, 200]) {
      const r = await runCliInProcess(['sla', 'tick', '--now', at(hours)], env);
      expect(r.stdout).toContain('queued 0, delivered 0');
    }
    expect(receiver.received.at(-1)!.json).toMatchObject({
      type: 'sla.met',
      state: 'met_late',
      secondsLeft: -52 * 3600,
    });
    expect(receiver.received).toHaveLength(7);
  });

  it.each([['2026-12-01T09:00:00'], ['tomorrow'], ['2026-12-01']])(
    '--now %s (no offset) is a usage error, exit 2',
    async (now) => {
      const r = await runCliInProcess(['sla', 'tick', '--now', now], { DATABASE_PATH: tempDbPath() });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('explicit offset');
    },
  );

  it('sla status says so when nothing owes a summary', async () => {
    const r = await runCliInProcess(['sla', 'status'], { DATABASE_PATH: tempDbPath() });
    expect(r).toMatchObject({ status: 0, stdout: 'No incident owes a customer summary.\n' });
  });
});

describe('a tick process killed during delivery', () => {
  it('resends the same alertId after the claim expires: nothing lost, nothing duplicated beyond that id', async () => {
    let hang = true;
    const receiver = await startReceiver({ answer: () => (hang ? 'hang' : 200) });
    cleanups.push(receiver.close);
    const env = {
      DATABASE_PATH: tempDbPath(),
      AFTERWORD_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
    };
    const id = await createIncidentThroughApi(env, { name: 'Dana', webhookUrl: receiver.url });

    // The real CLI in its own process: it sends the alert and waits for the answer that never comes.
    const child = spawn(process.execPath, [CLI_ENTRY, 'sla', 'tick', '--now', at(24)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await receiver.waitFor(1);
    child.kill('SIGKILL'); // between sending and recording
    expect(await exited).toBe('SIGKILL');
    receiver.release();

    const [row] = outbox(env.DATABASE_PATH);
    expect(row).toMatchObject({ checkpoint: 'T-24h', status: 'pending', attempts: 1, delivered_at: null });
    const firstId = receiver.received[0]!.json.alertId;
    expect(row!.id).toBe(firstId);

    // Within the claim's lease another tick leaves it alone (the first might still be delivering).
    hang = false;
    const early = await runCliInProcess(['sla', 'tick', '--now', at(24.01)], env);
    expect(early.stdout).toContain('queued 0, delivered 0');
    // After it, the same alert goes out again, with the same id.
    const late = await runCliInProcess(['sla', 'tick', '--now', at(24.05)], env);
    expect(late.stdout).toContain(`delivered  ${firstId}  ${id}  T-24h  webhook`);
    await runCliInProcess(['sla', 'tick', '--now', at(25)], env);

    expect(receiver.received.map((r) => r.json.alertId)).toEqual([firstId, firstId]);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    expect(outbox(env.DATABASE_PATH)).toMatchObject([{ id: firstId, status: 'delivered', attempts: 2 }]);
  });
});
