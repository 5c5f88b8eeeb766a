// Signing in: an API token in a password field (Enter submits), or a one-time link's confirmation.
import type { FC } from 'hono/jsx';
import type { ConsoleSession } from '../../../services/console-sessions';
import { ConsoleLayout, Csrf, ProblemBox, type ShownProblem } from './layout';

export const SignInView: FC<{ csrf: string; problem?: ShownProblem | null; next?: string }> = ({
  csrf,
  problem,
  next,
}) => (
  <ConsoleLayout title="Sign in" session={null} csrf={csrf}>
    <h1>Sign in to the console</h1>
    <ProblemBox problem={problem} />
    <form method="post" action="/admin/sign-in" class="stack narrow">
      <Csrf token={csrf} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <label for="token">API token</label>
      <input id="token" name="token" type="password" autocomplete="off" required aria-describedby="token-help" />
      <p id="token-help" class="hint">
        The token is checked once and never kept in your browser: you get a session that expires after 12 hours, when
        you sign out, or when the token is revoked. No token? Run <code>npm run -s cli -- console link</code> on the
        server for a one-time sign-in link.
      </p>
      <button type="submit">Sign in</button>
    </form>
  </ConsoleLayout>
);

export const LinkView: FC<{ csrf: string; code: string; problem?: ShownProblem | null }> = ({
  csrf,
  code,
  problem,
}) => (
  <ConsoleLayout title="Sign in with a link" session={null} csrf={csrf}>
    <h1>Sign in with a one-time link</h1>
    <ProblemBox problem={problem} />
    <form method="post" action="/admin/link" class="stack narrow">
      <Csrf token={csrf} />
      <input type="hidden" name="code" value={code} />
      <p>This link works once. Continue to start a console session.</p>
      <button type="submit">Sign in</button>
    </form>
  </ConsoleLayout>
);

export const ErrorView: FC<{ csrf: string; status: number; problem: ShownProblem; session: ConsoleSession | null }> = ({
  csrf,
  status,
  problem,
  session,
}) => (
  <ConsoleLayout title={status === 404 ? 'Not found' : 'Error'} session={session} csrf={csrf}>
    <h1>
      {status === 401
        ? 'Sign in required'
        : status === 403
          ? 'Not allowed'
          : status === 404
            ? 'Not found'
            : 'Something went wrong'}
    </h1>
    <ProblemBox problem={problem} />
    <p>{session ? <a href="/admin/incidents">Back to incidents</a> : <a href="/admin">Sign in</a>}</p>
  </ConsoleLayout>
);
