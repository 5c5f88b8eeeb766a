// /healthz for load balancers and the container HEALTHCHECK: the database answers, and the outbox's
// oldest pending notification's age; and the one-line causes a failed start prints.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentInput } from '../../src/core/inputs';
import { describeStartupError } from '../../src/node-lifecycle';
import { createIncident } from '../../src/services/incidents';
import { tickSla } from '../../src/services/sla-tick';
import { tempDbPath } from '../helpers/processes';
import { createWorld, T0, type World } from '../helpers/world';

let w: World;
afterEach(() => w?.close());

describe('/healthz', () => {
  it('reports the database and the age of the oldest pending alert', async () => {
    w = createWorld({ alerts: { fetch: async () => new Response('down', { status: 503 }) } });
    const idle = await w.app.request('/healthz');
    expect(idle.status).toBe(200);
    expect(idle.headers.get('Cache-Control')).toBe('no-store');
    expect(await idle.json()).toEqual({ ok: true, database: 'ok', outbox: { oldestPendingAgeSeconds: null } });

    // A SEV-1 whose lead's webhook fails: its T-24h alert stays pending, to be retried.
    await createIncident({
      deps: w.deps,
      input: createIncidentInput.parse({
        title: 'Queue backlog',
        severity: 'SEV-1',
        startedAt: new Date(T0 - 30 * 3_600_000).toISOString(),
        lead: { name: 'Dana', webhookUrl: 'https://hooks.example.com/afterword' },
      }),
      actor: { tokenId: null, label: 'test' },
    });
    await tickSla({ deps: w.deps });
    w.clock.advance(90_000);
    const backlog = await (await w.app.request('/healthz')).json();
    expect(backlog).toMatchObject({ ok: true, outbox: { oldestPendingAgeSeconds: 90 } });
  });

  it('answers 503 when the database does not', async () => {
    w = createWorld();
    w.handle.close();
    const res = await w.app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, database: 'unavailable' });
  });
});

describe('start-up failures, in one line', () => {
  const where = { databasePath: '/data/afterword.db', port: 8787, host: '0.0.0.0' };

  it("names a read-only database (SQLite's own error)", () => {
    const path = tempDbPath();
    new Database(path).close();
    const readOnly = new Database(path, { readonly: true });
    let err: unknown;
    try {
      readOnly.exec('CREATE TABLE t (x)');
    } catch (e) {
      err = e;
    } finally {
      readOnly.close();
    }
    expect((err as { code?: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(describeStartupError(err, 'database', where)).toBe(
      'the database /data/afterword.db is read-only: the server must write it and its directory (check owner and permissions)',
    );
  });

  it('names a database file that cannot be opened (its "directory" is a file)', () => {
    let err: unknown;
    try {
      new Database('/etc/hostname/afterword.db');
    } catch (e) {
      err = e;
    }
    expect(describeStartupError(err, 'database', where)).toBe(
      'cannot open the database /data/afterword.db: its directory must exist and be writable, or set DATABASE_PATH',
    );
  });
});
