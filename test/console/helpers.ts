// A browser-less console client for in-process tests: a cookie jar, the CSRF token read from the
// last page, and form posts like a browser sends them.
import type { World } from '../helpers/world';

export interface ConsoleClient {
  cookies: Map<string, string>;
  get(path: string): Promise<Res>;
  post(
    path: string,
    form: Record<string, string | string[]>,
    opts?: { csrf?: string | null; headers?: Record<string, string> },
  ): Promise<Res>;
  signIn(token: string): Promise<Res>;
  csrf: string | null;
}

export interface Res {
  status: number;
  headers: Headers;
  text: string;
}

export function consoleClient(world: World, origin = 'http://localhost'): ConsoleClient {
  const cookies = new Map<string, string>();
  const client: ConsoleClient = {
    cookies,
    csrf: null,
    async get(path) {
      return send('GET', path);
    },
    async post(path, form, opts = {}) {
      const body = new URLSearchParams();
      const csrf = opts.csrf === undefined ? client.csrf : opts.csrf;
      if (csrf !== null) body.append('_csrf', csrf);
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return send('POST', path, body, { Origin: origin, ...opts.headers });
    },
    async signIn(token) {
      await client.get('/admin');
      const res = await client.post('/admin/sign-in', { token });
      // Land on the page like a browser does, which also picks up the session's CSRF token.
      const to = res.headers.get('Location');
      if (res.status === 303 && to) await client.get(to);
      return res;
    },
  };

  async function send(method: string, path: string, body?: URLSearchParams, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { ...extra };
    if (cookies.size) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await world.app.request(`${origin}${path}`, { method, headers, body });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const text = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) client.csrf = m[1]!;
    return { status: res.status, headers: res.headers, text };
  }

  return client;
}
