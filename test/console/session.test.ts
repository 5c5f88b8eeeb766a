// Console sign-in: token -> server-side session cookie, sign-out, expiry, revocation, CSRF, headers,
// and the CLI's one-time sign-in link.
import { describe, expect, it } from 'vitest';
import { alertText, buildAlertPayload } from '../../src/core/sla/alert';
import { openSqlite } from '../../src/db/node-sqlite';
import { createStore } from '../../src/db/store';
import { createApp } from '../../src/http/create-app';
import { sha256Hex } from '../../src/lib/crypto';
import { revokeToken } from '../../src/services/tokens';
import { runCliInProcess, tempDbPath } from '../helpers/processes';
import { createWorld, fixedClock, T0 } from '../helpers/world';
import { consoleClient } from './helpers';

const COOKIE = 'afterword_console';

async function sessionRows(world: ReturnType<typeof createWorld>) {
  return world.handle.sqlite.prepare('SELECT * FROM console_sessions').all() as { id_hash: string; kind: string }[];
}

describe('console sign-in', () => {
  it('serves a password sign-in form with a strict CSP and no inline script', async () => {
    const world = createWorld();
    const res = await consoleClient(world).get('/admin');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^<!doctype html>/);
    expect(res.text).toMatch(/<input id="token" name="token" type="password"/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.text).not.toMatch(/\sstyle=|<style/);
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('a token becomes an HttpOnly, SameSite=Strict session cookie holding a random id, stored hashed', async () => {
    const world = createWorld();
    const token = await world.token('incidents:write');
    const c = consoleClient(world);
    const res = await c.signIn(token);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/incidents');
    const set = res.headers.getSetCookie().find((l) => l.startsWith(`${COOKIE}=`))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Max-Age=43200/);
    expect(set).not.toMatch(/Secure/); // localhost only
    const sid = c.cookies.get(COOKIE)!;
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sid).not.toContain(token);
    const rows = await sessionRows(world);
    expect(rows.map((r) => r.id_hash)).toEqual([await sha256Hex(sid)]);
    expect(JSON.stringify(rows)).not.toContain(sid);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await c.get('/admin')).headers.get('Location')).toBe('/admin/incidents');
  });

  it("opening the sign-in form's own address leads to the form, or into the console once signed in", async () => {
    const world = createWorld();
    const c = consoleClient(world);
    expect((await c.get('/admin/sign-in')).headers.get('Location')).toBe('/admin');
    await c.signIn(await world.token('incidents:write'));
    const res = await c.get('/admin/sign-in');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/incidents');
  });

  it('off localhost the cookie is Secure and host-bound (__Host-)', async () => {
    const world = createWorld();
    const token = await world.token('admin');
    const c = consoleClient(world, 'https://status.example.test');
    const res = await c.signIn(token);
    expect(res.status).toBe(303);
    const set = res.headers.getSetCookie().find((l) => l.startsWith(`__Host-${COOKIE}=`))!;
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/Path=\//);
    expect(set).not.toMatch(/Domain=/);
  });

  it('a wrong or revoked token is refused with the form again, and no session is stored', async () => {
    const world = createWorld();
    const c = consoleClient(world);
    await c.get('/admin');
    const res = await c.post('/admin/sign-in', { token: `aw_${'x'.repeat(43)}` });
    expect(res.status).toBe(401);
    expect(res.text).toContain('not valid or has been revoked');
    expect(c.cookies.has(COOKIE)).toBe(false);
    expect(await sessionRows(world)).toEqual([]);
  });

  it('pages need a session: without one, GET redirects to the sign-in form and POST is refused', async () => {
    const world = createWorld();
    const c = consoleClient(world);
    const res = await c.get('/admin/incidents');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin?next=%2Fadmin%2Fincidents');
    await c.get('/admin');
    expect((await c.post('/admin/incidents/inc_x/resolve', {})).status).toBe(401);
  });

  it('sign-out ends the session: the old cookie is refused', async () => {
    const world = createWorld();
    const c = consoleClient(world);
    await c.signIn(await world.token('admin'));
    const old = c.cookies.get(COOKIE)!;
    const out = await c.post('/admin/sign-out', {});
    expect(out.status).toBe(303);
    expect(c.cookies.has(COOKIE)).toBe(false);
    expect(await sessionRows(world)).toEqual([]);
    c.cookies.set(COOKIE, old);
    expect((await c.get('/admin/incidents')).status).toBe(303);
  });

  it('a session ends when its token is revoked, and after 12 hours', async () => {
    const clock = fixedClock();
    const world = createWorld({ clock });
    const c = consoleClient(world);
    await c.signIn(await world.token('admin'));
    const [tok] = await world.deps.store.tokens.list();
    expect((await c.get('/admin')).headers.get('Location')).toBe('/admin/incidents');
    await revokeToken({ deps: world.deps, id: tok!.id, actor: { tokenId: null, label: 'test' } });
    expect((await c.get('/admin')).status).toBe(200); // the sign-in form again
    expect(await sessionRows(world)).toEqual([]);

    const d = consoleClient(world);
    await d.signIn(await world.token('admin'));
    clock.advance(12 * 3_600_000 - 1000);
    expect((await d.get('/admin')).status).toBe(303);
    clock.advance(1000);
    expect((await d.get('/admin')).status).toBe(200);
  });

  it('refuses a POST without the CSRF token, with a stale one, or from another origin', async () => {
    const world = createWorld();
    const c = consoleClient(world);
    await c.signIn(await world.token('admin'));
    await c.get('/admin/incidents');
    const noToken = await c.post('/admin/sign-out', {}, { csrf: null });
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain('CSRF');
    expect((await c.post('/admin/sign-out', {}, { csrf: 'x'.repeat(43) })).status).toBe(403);
    const evil = await c.post('/admin/sign-out', {}, { headers: { Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    const crossSite = await c.post('/admin/sign-out', {}, { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect((await sessionRows(world)).length).toBe(1); // still signed in
    // The sign-in form has its own token (a pre-session cookie): a forged sign-in is refused too.
    const fresh = consoleClient(world);
    expect((await fresh.post('/admin/sign-in', { token: 'x' }, { csrf: null })).status).toBe(403);
  });

  it('only a console path may follow sign-in', async () => {
    const world = createWorld();
    const token = await world.token('admin');
    for (const [next, to] of [
      ['/admin/components', '/admin/components'],
      ['https://evil.example/admin', '/admin/incidents'],
      ['//evil.example/admin', '/admin/incidents'],
    ]) {
      const c = consoleClient(world);
      await c.get('/admin');
      const res = await c.post('/admin/sign-in', { token, next: next! });
      expect(res.headers.get('Location')).toBe(to);
    }
  });
});

describe('the SLA alerts link to the summary editor', () => {
  it("the alert's summaryDraft link opens the console's editor, through sign-in when needed", async () => {
    const world = createWorld();
    const payload = buildAlertPayload({
      alertId: 'alr_1',
      type: 'sla.checkpoint',
      checkpoint: 'T-24h',
      incident: { id: 'inc_42', title: 'Outage' },
      deadline: T0,
      secondsLeft: 3600,
      state: 'due_soon',
      publicUrl: world.deps.config.publicUrl,
    });
    expect(payload.links.summaryDraft).toBe('https://status.example.test/admin/incidents/inc_42/summary');
    expect(alertText(payload)).toContain(
      'Write and publish the customer summary: https://status.example.test/admin/incidents/inc_42/summary',
    );
    const c = consoleClient(world, 'https://status.example.test');
    const res = await c.get('/admin/incidents/inc_42/summary');
    expect(res.headers.get('Location')).toBe('/admin?next=%2Fadmin%2Fincidents%2Finc_42%2Fsummary');
    await c.get('/admin?next=%2Fadmin%2Fincidents%2Finc_42%2Fsummary');
    const signIn = await c.post('/admin/sign-in', {
      token: await world.token('admin'),
      next: '/admin/incidents/inc_42/summary',
    });
    expect(signIn.headers.get('Location')).toBe('/admin/incidents/inc_42/summary');
  });
});

describe('npm run -s cli -- console link', () => {
  it('prints a one-time link that signs in with a new admin token whose secret is never shown', async () => {
    const DATABASE_PATH = tempDbPath();
    const r = await runCliInProcess(['console', 'link'], { DATABASE_PATH, PUBLIC_URL: 'https://status.example.test' });
    expect(r.status, r.stderr).toBe(0);
    const url = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(url).toMatch(/^https:\/\/status\.example\.test\/admin\/link\/[A-Za-z0-9_-]{43}$/);
    expect(r.stdout).not.toMatch(/aw_/);

    const handle = openSqlite(DATABASE_PATH);
    try {
      const world = {
        app: createApp({
          store: createStore(handle.db),
          clock: () => Date.now(),
          config: { publicUrl: 'https://status.example.test' },
        }),
      } as any;
      const c = consoleClient(world, 'https://status.example.test');
      const path = new URL(url).pathname;
      const confirm = await c.get(path);
      expect(confirm.status).toBe(200);
      expect(confirm.headers.get('Referrer-Policy')).toBe('same-origin');
      const code = path.split('/').at(-1)!;
      const res = await c.post('/admin/link', { code });
      expect(res.status).toBe(303);
      expect(c.cookies.has('__Host-afterword_console')).toBe(true);
      expect((await c.get('/admin')).headers.get('Location')).toBe('/admin/incidents');

      // Once only.
      const again = consoleClient(world, 'https://status.example.test');
      await again.get(path);
      expect((await again.post('/admin/link', { code })).status).toBe(401);
    } finally {
      handle.close();
    }
  });

  it('--token signs in as an existing token; an unknown one exits 1', async () => {
    const DATABASE_PATH = tempDbPath();
    const created = await runCliInProcess(['token', 'create', '--name', 'lead', '--scope', 'summaries:publish'], {
      DATABASE_PATH,
    });
    const id = /Created token (tok_\w+)/.exec(created.stdout)![1]!;
    const r = await runCliInProcess(['console', 'link', '--token', id], { DATABASE_PATH });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`token ${id} "lead" (summaries:publish)`);
    const bad = await runCliInProcess(['console', 'link', '--token', 'tok_nope'], { DATABASE_PATH });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('No token with id "tok_nope"');
  });
});
