// The real Node server over HTTP: first-start token, data kept across a restart, CLI beside it.
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, runCli, startServer, tempDbPath } from '../helpers/processes';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe('node server', () => {
  it('prints an admin token once, serves the API, and keeps data across a restart', async () => {
    const DATABASE_PATH = tempDbPath();
    server = await startServer({ DATABASE_PATH });
    const token = /^\s+(aw_[A-Za-z0-9_-]{43})$/m.exec(server.output())?.[1];
    expect(token, server.output()).toBeDefined();
    expect(server.output()).toContain(`curl -H "Authorization: Bearer ${token}"`);

    const created = await api(server.url, token!, 'POST', '/components', { name: 'API' });
    expect(created.status).toBe(201);
    const inc = await api(server.url, token!, 'POST', '/incidents', {
      title: 'Outage',
      severity: 'SEV-1',
      startedAt: '2026-11-20T10:00:00Z',
      lead: { name: 'Dana' },
      components: [{ id: created.json.id, status: 'major_outage' }],
    });
    expect(inc.status).toBe(201);

    await server.stop();
    server = await startServer({ DATABASE_PATH });
    expect(server.output()).not.toMatch(/aw_[A-Za-z0-9_-]{43}/);

    const components = await api(server.url, token!, 'GET', '/components');
    expect(components.json.components).toEqual([expect.objectContaining({ name: 'API', status: 'major_outage' })]);
    const incident = await api(server.url, token!, 'GET', `/incidents/${inc.json.id}`);
    expect(incident.json.title).toBe('Outage');
  });

  it('the CLI issues and revokes tokens on the database the running server uses', async () => {
    const DATABASE_PATH = tempDbPath();
    server = await startServer({ DATABASE_PATH });

    const created = runCli(['token', 'create', '--name', 'deploy-bot', '--scope', 'incidents:write'], {
      DATABASE_PATH,
    });
    expect(created.status, created.stderr).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const secret = lines.at(-1)!;
    expect(secret).toMatch(/^aw_[A-Za-z0-9_-]{43}$/);

    expect((await api(server.url, secret, 'POST', '/components', { name: 'Web' })).status).toBe(201);
    expect((await api(server.url, secret, 'GET', '/tokens')).status).toBe(403);

    const list = runCli(['token', 'list', '--json'], { DATABASE_PATH });
    expect(list.stdout).not.toContain(secret);
    const id = (JSON.parse(list.stdout) as { id: string; name: string }[]).find((t) => t.name === 'deploy-bot')!.id;

    const revoked = runCli(['token', 'revoke', id], { DATABASE_PATH });
    expect(revoked.status).toBe(0);
    expect((await api(server.url, secret, 'GET', '/components')).status).toBe(401);
  });
});
