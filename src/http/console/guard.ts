// The console's edges: security headers on every response, the session cookie, the CSRF checks on
// every POST, and scope checks that mirror the API's.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../core/errors';
import type { Scope } from '../../core/types';
import { base64url, randomBytes } from '../../lib/crypto';
import { type ConsoleSession, checkCsrf, csrfTokenFor, readSession } from '../../services/console-sessions';
import { requireScope } from '../../services/tokens';
import { deleteCookie, getCookie, setCookie } from '../cookies';
import type { ConsoleEnv } from './env';

/** Scripts, styles and images from this origin only (public/): no inline script, no third party, no framing. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Cookies are Secure everywhere except on a loopback host (plain http://localhost while developing). */
export function isLoopback(c: Context): boolean {
  const host = new URL(c.req.url).hostname;
  return LOOPBACK.has(host) || host.endsWith('.localhost');
}

/** `__Host-` pins the cookie to this exact host and path /, and requires Secure: so only off loopback. */
export function sessionCookieName(c: Context): string {
  return isLoopback(c) ? 'afterword_console' : '__Host-afterword_console';
}
function preSessionCookieName(c: Context): string {
  return isLoopback(c) ? 'afterword_console_pre' : '__Host-afterword_console_pre';
}

function cookieOptions(c: Context, maxAge: number) {
  return { path: '/', httpOnly: true, secure: !isLoopback(c), sameSite: 'Strict' as const, maxAge };
}

export function setSessionCookie(c: Context, sessionId: string, expiresAt: number, now: number): void {
  setCookie(c, sessionCookieName(c), sessionId, cookieOptions(c, Math.max(1, Math.floor((expiresAt - now) / 1000))));
  deleteCookie(c, preSessionCookieName(c), { path: '/', secure: !isLoopback(c) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: !isLoopback(c) });
}

export function consoleHeaders() {
  return createMiddleware<ConsoleEnv>(async function consoleHeaders(c, next) {
    await next();
    c.header('Content-Security-Policy', CONSOLE_CSP);
    c.header('X-Frame-Options', 'DENY');
    c.header('X-Content-Type-Options', 'nosniff');
    // The sign-in link's code is in its path: never send it to another origin. (Not no-referrer:
    // with it, Chromium sends "Origin: null" on form posts, and the origin check needs the real one.)
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-store');
  });
}

/**
 * Loads the session from its cookie. Without one, a pre-session cookie carries the CSRF token of the
 * sign-in forms (a double-submit token: another origin can neither read nor set it).
 */
export function loadSession() {
  return createMiddleware<ConsoleEnv>(async function loadSession(c, next) {
    const sessionId = getCookie(c, sessionCookieName(c)) ?? null;
    const session = sessionId ? await readSession({ deps: c.get('deps'), sessionId }) : null;
    if (sessionId && !session) clearSessionCookie(c);
    c.set('session', session);
    c.set('sessionId', session ? sessionId : null);
    if (session && sessionId) {
      c.set('csrf', await csrfTokenFor(sessionId));
    } else {
      let pre = getCookie(c, preSessionCookieName(c));
      if (!pre || pre.length < 32) {
        pre = base64url(randomBytes(32));
        setCookie(c, preSessionCookieName(c), pre, cookieOptions(c, 3600));
      }
      c.set('csrf', await csrfTokenFor(pre));
    }
    await next();
  });
}

/**
 * Every POST must come from this origin (Origin / Sec-Fetch-Site, when the browser sends them) and
 * carry the form's CSRF token. The body is parsed once here; handlers read it again from the cache.
 */
export function csrfGuard() {
  return createMiddleware<ConsoleEnv>(async function csrfGuard(c, next) {
    if (c.req.method !== 'POST') return next();
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    const sameOrigin =
      (origin === undefined || origin === new URL(c.req.url).origin) &&
      (site === undefined || site === 'same-origin' || site === 'none');
    // { all: true } here: Hono caches the first parse, and forms with checkboxes need every value.
    const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
    const sent = typeof body._csrf === 'string' ? body._csrf : undefined;
    const sessionId = c.get('sessionId');
    const pre = getCookie(c, preSessionCookieName(c));
    const key = sessionId ?? pre;
    if (!sameOrigin || !key || !(await checkCsrf(key, sent))) {
      throw new DomainError(
        'forbidden',
        'This form was not sent from the console (its CSRF token is missing or stale). Reload the page and try again.',
        { reason: 'csrf' },
      );
    }
    await next();
  });
}

/** The session, or `unauthorized` (the error page offers the sign-in form). */
export function sessionOf(c: Context<ConsoleEnv>): ConsoleSession {
  const session = c.get('session');
  if (!session) throw new DomainError('unauthorized', 'Sign in to use the console.');
  return session;
}

export function can(session: ConsoleSession, scope: Scope): boolean {
  return session.token.scopes.includes(scope) || session.token.scopes.includes('admin');
}

/** Route middleware: a session whose token has `scope` (as the API's `needs`). */
export function needsScope(scope: Scope) {
  return createMiddleware<ConsoleEnv>(async function needsScope(c, next) {
    requireScope(sessionOf(c).token, scope);
    await next();
  });
}

export function signedIn() {
  return createMiddleware<ConsoleEnv>(async function signedIn(c, next) {
    sessionOf(c);
    await next();
  });
}
