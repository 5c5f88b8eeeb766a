// A server killed (kill -9) in the middle of requests sent with an Idempotency-Key must not leave those
// keys "in progress" forever: within the lease a retry is told to wait (409), after it the key is free.
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { IDEMPOTENCY_LEASE_MS } from '../../src/services/idempotency';
import { type RunningServer, startServer, tempDbPath } from '../helpers/processes';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

function post(base: string, token: string, key: string, name: string) {
  return fetch(`${base}/api/v1/components`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ name }),
  });
}

it('keys claimed by a killed process are free again once the lease has run out', async () => {
  const DATABASE_PATH = tempDbPath();
  server = await startServer({ DATABASE_PATH });
  const token = /^\s+(aw_[A-Za-z0-9_-]{43})$/m.exec(server.output())?.[1] ?? '';

  // Bursts of requests, watched from outside: the moment a claim is in progress the server is frozen
  // (SIGSTOP); if the claim is still in progress then, the server is killed there (SIGKILL).
  const killed = server;
  const exited = new Promise((done) => killed.process.once('exit', done));
  const db = new Database(DATABASE_PATH);
  const inProgress = () =>
    (db.prepare('SELECT count(*) AS n FROM idempotency_keys WHERE status = 0').get() as { n: number }).n;
  let caught = false;
  for (let round = 0; round < 50 && !caught; round++) {
    const burst = Array.from({ length: 20 }, (_, i) =>
      post(killed.url, token, `key-${round}-${i}`, `Component ${round}-${i}`).catch(() => undefined),
    );
    const done = Promise.all(burst);
    let settled = false;
    void done.then(() => {
      settled = true;
    });
    while (!settled && !caught) {
      if (inProgress() > 0) {
        killed.process.kill('SIGSTOP');
        if (inProgress() > 0) {
          killed.process.kill('SIGKILL');
          caught = true;
        } else killed.process.kill('SIGCONT');
      }
      await new Promise((r) => setTimeout(r, 1));
    }
  }
  expect(caught, 'never saw a request mid-flight').toBe(true);
  await exited;
  server = null;

  const stuck = db.prepare('SELECT key FROM idempotency_keys WHERE status = 0').all() as { key: string }[];
  expect(stuck.length).toBeGreaterThan(0);
  const key = stuck[0]!.key;
  const name = `Component ${key.slice('key-'.length)}`;

  server = await startServer({ DATABASE_PATH });
  // Within the lease the dead claim still holds the key: the client is told to retry later.
  const early = await post(server.url, token, key, name);
  expect(early.status).toBe(409);

  // The lease runs out (the claim's time is moved back rather than the test waiting a minute).
  db.prepare('UPDATE idempotency_keys SET created_at = created_at - ? WHERE key = ?').run(
    IDEMPOTENCY_LEASE_MS + 1,
    key,
  );
  db.close();
  const retried = await post(server.url, token, key, name);
  expect(retried.status).toBe(201);
  const first = (await retried.json()) as { id: string };
  const replay = await post(server.url, token, key, name);
  expect(replay.status).toBe(201);
  expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
  expect(((await replay.json()) as { id: string }).id).toBe(first.id);
});
