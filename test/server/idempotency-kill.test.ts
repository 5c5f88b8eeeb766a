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

  // A burst of requests; the server is killed the moment the first answer arrives, with others mid-flight.
  const killed = server;
  const exited = new Promise((done) => killed.process.once('exit', done));
  const burst = Array.from({ length: 30 }, (_, i) =>
    post(killed.url, token, `key-${i}`, `Component ${i}`).then(
      () => killed.process.kill('SIGKILL'),
      () => undefined,
    ),
  );
  await Promise.all(burst);
  await exited;
  server = null;

  const db = new Database(DATABASE_PATH);
  const stuck = db.prepare('SELECT key FROM idempotency_keys WHERE status = 0').all() as { key: string }[];
  expect(stuck.length, 'the kill left no request mid-flight; the test proves nothing').toBeGreaterThan(0);
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
