// The console inside workerd over D1: sign in with a token (pre-session CSRF cookie, then the session
// cookie), open the incident list and an incident's summary editor, sign out.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminToken, api } from './d1';

const BASE = 'https://status.example.test';

function cookieJar() {
  const jar = new Map<string, string>();
  return {
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    take(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const pair = line.split(';')[0]!;
        const eq = pair.indexOf('=');
        if (/Max-Age=0/i.test(line) || pair.slice(eq + 1) === '') jar.delete(pair.slice(0, eq));
        else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
    },
    jar,
  };
}

describe('console on workerd + D1', () => {
  it('signs in, shows the incidents and the summary editor, and signs out', async () => {
    const token = await adminToken('console-workerd');
    const created = await api(token, 'POST', '/incidents', {
      title: 'Workerd outage',
      severity: 'SEV-1',
      startedAt: new Date(Date.now() - 3_600_000).toISOString(),
      lead: { name: 'Dana' },
    });
    const incident = (await created.json()) as { id: string };
    const jar = cookieJar();

    const form = await SELF.fetch(`${BASE}/admin`, { redirect: 'manual' });
    expect(form.status).toBe(200);
    expect(form.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    jar.take(form);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;

    const signIn = await SELF.fetch(`${BASE}/admin/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: jar.header(), Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token }),
    });
    expect(signIn.status).toBe(303);
    const set = signIn.headers.getSetCookie().find((l) => l.startsWith('__Host-afterword_console='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/SameSite=Strict/);
    jar.take(signIn);

    const list = await SELF.fetch(`${BASE}/admin/incidents`, { headers: { Cookie: jar.header() }, redirect: 'manual' });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('Workerd outage');
    expect(html).toMatch(/sla-pending">Pending/);
    const sessionCsrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

    const editor = await SELF.fetch(`${BASE}/admin/incidents/${incident.id}/summary`, {
      headers: { Cookie: jar.header() },
    });
    expect(editor.status).toBe(200);
    expect(await editor.text()).toContain('## What happened');

    const out = await SELF.fetch(`${BASE}/admin/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: jar.header(), Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: sessionCsrf }),
    });
    expect(out.status).toBe(303);
    const refused = await SELF.fetch(`${BASE}/admin/incidents`, {
      headers: { Cookie: jar.header() },
      redirect: 'manual',
    });
    expect(refused.status).toBe(303);
    expect(refused.headers.get('Location')).toMatch(/^\/admin\?next=/);
  });
});
