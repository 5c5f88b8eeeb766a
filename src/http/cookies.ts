// The cookies this app keeps (the console's session and pre-session, and the subscribe form's
// CSRF token), read by name and written with fixed attributes. hono/cookie does this and much more
// (signed cookies, every attribute, prefix checks) for about 1 KB of the Worker's gzipped budget;
// what this app needs is a quarter of that. Values are random tokens (hex or base64url), so they
// need no encoding, but any other value is percent-encoded on the way out and decoded on the way in.
import type { Context } from 'hono';

export interface CookieOptions {
  path: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax';
  /** Seconds; 0 deletes the cookie. None: a session cookie. */
  maxAge?: number;
}

/** The first cookie called `name` in the request (RFC 6265 §5.4: the browser sends it first), if any. */
export function getCookie(c: Context, name: string): string | undefined {
  for (const pair of (c.req.header('Cookie') ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
}

export function setCookie(c: Context, name: string, value: string, o: CookieOptions): void {
  let line = `${name}=${encodeURIComponent(value)}; Path=${o.path}`;
  if (o.maxAge !== undefined) line += `; Max-Age=${o.maxAge}`;
  if (o.httpOnly) line += '; HttpOnly';
  if (o.secure) line += '; Secure';
  if (o.sameSite) line += `; SameSite=${o.sameSite}`;
  c.header('Set-Cookie', line, { append: true });
}

export function deleteCookie(c: Context, name: string, o: CookieOptions): void {
  setCookie(c, name, '', { ...o, maxAge: 0 });
}
