// The console's and the subscribe form's cookies: read by exact name whatever else the browser sends,
// and written with the attributes that keep them same-site, script-proof and (off loopback) Secure.
import { describe, expect, it } from 'vitest';
import { deleteCookie, getCookie, setCookie } from '../../src/http/cookies';
import { Hono } from '../../src/http/hono';

const app = new Hono();
app.get('/read/:name', (c) => c.json({ value: getCookie(c, c.req.param('name')) ?? null }));
app.get('/write', (c) => {
  setCookie(c, '__Host-session', 'a b/ü', { path: '/', httpOnly: true, secure: true, sameSite: 'Strict', maxAge: 60 });
  setCookie(c, 'csrf', 'f00d', { path: '/subscribe', sameSite: 'Strict' });
  deleteCookie(c, 'old', { path: '/', secure: true });
  return c.body(null, 204);
});

async function read(name: string, cookie: string) {
  const res = await app.request(`/read/${name}`, { headers: { Cookie: cookie } });
  return ((await res.json()) as { value: string | null }).value;
}

describe('cookies', () => {
  it('reads one cookie by its exact name, not by a name that contains it', async () => {
    const header = 'afterword_console_pre=pre1; afterword_console=s%20ess; other=x';
    expect(await read('afterword_console', header)).toBe('s ess');
    expect(await read('afterword_console_pre', header)).toBe('pre1');
    expect(await read('console', header)).toBeNull();
    expect(await read('csrf', 'csrf="abc"')).toBe('abc');
    expect(await read('csrf', 'csrf=%E0%A4%A')).toBe('%E0%A4%A'); // undecodable: as sent, no 500
    expect(await read('csrf', 'csrf=first; csrf=second')).toBe('first');
    expect(await read('csrf', '')).toBeNull();
  });

  it('writes each cookie on its own Set-Cookie line with its attributes, and deletes with Max-Age=0', async () => {
    const res = await app.request('/write');
    expect(res.headers.getSetCookie()).toEqual([
      '__Host-session=a%20b%2F%C3%BC; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Strict',
      'csrf=f00d; Path=/subscribe; SameSite=Strict',
      'old=; Path=/; Max-Age=0; Secure',
    ]);
  });
});
