// The publisher's console at /admin: server-rendered forms over the same services as the API,
// behind a cookie session (see guard.ts). Each area registers its own routes.

import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../core/errors';
import { redeemSignInLink, signIn, signOut } from '../../services/console-sessions';
import { Hono } from '../hono';
import { statusFor } from '../problem';
import type { ConsoleEnv } from './env';
import { clearSessionCookie, consoleHeaders, csrfGuard, loadSession, setSessionCookie, signedIn } from './guard';
import { incidentArea } from './incidents';
import { lexiconArea } from './lexicon';
import { maintenanceArea } from './maintenance';
import { page, seeOther, shownProblem } from './render';
import { summaryArea } from './summaries';
import { ErrorView, LinkView, SignInView } from './views/sign-in';

/** Forms are small; the summary editor's markdown is the largest (64 KiB is already generous). */
const FORM_BYTES = 256 * 1024;

export type ConsoleArea = (app: Hono<ConsoleEnv>) => void;

/** Every console area (incidents, summaries, maintenance, components, lexicon), registered in one list. */
const CONSOLE_AREAS: ConsoleArea[] = [incidentArea, summaryArea, maintenanceArea, lexiconArea];

/** Only a path inside the console may follow a sign-in (no open redirect). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(\/[\w\-/.?=&%]*)?$/.test(next) && !next.includes('//')
    ? next
    : '/admin/incidents';
}

export function consoleRoutes(areas: ConsoleArea[] = CONSOLE_AREAS) {
  const app = new Hono<ConsoleEnv>();
  app.use('*', consoleHeaders());
  app.use(
    '*',
    bodyLimit({
      maxSize: FORM_BYTES,
      onError: () => {
        throw new DomainError('payload_too_large', `Forms are limited to ${FORM_BYTES} bytes.`);
      },
    }),
  );
  app.use('*', loadSession());
  app.use('*', csrfGuard());

  app.get('/', async (c) => {
    if (c.get('session')) return seeOther(c, '/admin/incidents');
    return page(c, <SignInView csrf={c.get('csrf')} next={c.req.query('next')} />);
  });

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const deps = c.get('deps');
    try {
      const { sessionId, session } = await signIn({ deps, secret: typeof body.token === 'string' ? body.token : '' });
      setSessionCookie(c, sessionId, session.expiresAt, deps.clock());
      return seeOther(c, safeNext(body.next));
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'unauthorized') throw err;
      return page(
        c,
        <SignInView csrf={c.get('csrf')} problem={{ detail: 'That token is not valid or has been revoked.' }} />,
        401,
      );
    }
  });

  // The sign-in form's own address, opened (a reload after a failed attempt, a bookmark): the form, or
  // the console for a person already signed in.
  app.get('/sign-in', (c) => seeOther(c, c.get('session') ? '/admin/incidents' : '/admin'));

  app.get('/link/:code', (c) => page(c, <LinkView csrf={c.get('csrf')} code={c.req.param('code')} />));

  app.post('/link', async (c) => {
    const body = await c.req.parseBody();
    const deps = c.get('deps');
    const code = typeof body.code === 'string' ? body.code : '';
    try {
      const { sessionId, session } = await redeemSignInLink({ deps, code });
      setSessionCookie(c, sessionId, session.expiresAt, deps.clock());
      return seeOther(c, '/admin/incidents');
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'unauthorized') throw err;
      return page(c, <LinkView csrf={c.get('csrf')} code={code} problem={shownProblem(err)} />, 401);
    }
  });

  app.post('/sign-out', async (c) => {
    const sessionId = c.get('sessionId');
    if (sessionId) await signOut({ deps: c.get('deps'), sessionId });
    clearSessionCookie(c);
    return seeOther(c, '/admin');
  });

  app.use('/*', signedIn());
  for (const area of areas) area(app);

  // Mounted sub-apps never consult their own notFound, so the console's 404 is this last route.
  app.all('*', (c) => {
    throw new DomainError('not_found', `No console page at ${c.req.path}.`);
  });

  app.onError(async (err, c) => {
    const known = err instanceof DomainError ? err : null;
    if (!known) console.error(`[afterword] console ${c.req.method} ${c.req.path} failed:`, err);
    const shown = known ?? new DomainError('internal_error', 'Something went wrong on our side.');
    const status = statusFor(shown.code);
    // A page that needs a session sends a person without one to the sign-in form, then back.
    if (status === 401 && c.req.method === 'GET') {
      return seeOther(c, `/admin?next=${encodeURIComponent(c.req.path)}`);
    }
    const res = await page(
      c,
      <ErrorView
        csrf={c.get('csrf') ?? ''}
        status={status}
        problem={shownProblem(shown)}
        session={c.get('session') ?? null}
      />,
      status,
    );
    return res;
  });

  return app;
}
