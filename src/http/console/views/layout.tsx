// The console's page frame: local assets only (CSP: no inline script or style), a skip link, the
// navigation and the signed-in token with its sign-out form.
import type { Child, FC } from 'hono/jsx';
import type { ConsoleSession } from '../../../services/console-sessions';

export const NAV = [
  { href: '/admin/incidents', label: 'Incidents' },
  { href: '/admin/maintenance', label: 'Maintenance' },
  { href: '/admin/components', label: 'Components' },
  { href: '/admin/lexicon', label: 'Lexicon' },
] as const;

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

export const ConsoleLayout: FC<{
  title: string;
  session: ConsoleSession | null;
  csrf: string;
  current?: string;
  scripts?: string[];
  children?: Child;
}> = ({ title, session, csrf, current, scripts = [], children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <meta name="robots" content="noindex" />
      <title>{`${title} · Afterword console`}</title>
      <link rel="stylesheet" href="/afterword.css" />
      <link rel="stylesheet" href="/console.css" />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      {scripts.map((src) => (
        <script src={src} defer />
      ))}
    </head>
    <body class="console">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site">
        <div class="wrap site-inner">
          <a class="brand" href="/admin">
            <span>Afterword</span>
            <span class="brand-sub">Console</span>
          </a>
          {session ? (
            <nav aria-label="Console">
              {NAV.map((n) => (
                <a href={n.href} aria-current={current === n.href ? 'page' : undefined}>
                  {n.label}
                </a>
              ))}
            </nav>
          ) : null}
        </div>
      </header>
      {session ? (
        <div class="wrap who">
          <span>
            Signed in as <strong>{session.token.name}</strong> ({session.token.scopes.join(', ')})
          </span>
          <form method="post" action="/admin/sign-out">
            <Csrf token={csrf} />
            <button type="submit" class="link-button">
              Sign out
            </button>
          </form>
        </div>
      ) : null}
      <main id="main" class="wrap">
        {children}
      </main>
    </body>
  </html>
);

/** A problem shown to a person: the message, each field problem and each finding. */
export interface ShownProblem {
  detail: string;
  errors?: { path: string; message: string }[];
  findings?: { rule: string; severity?: string; text: string; message: string; suggestion?: string }[];
}

export const ProblemBox: FC<{ problem: ShownProblem | null | undefined }> = ({ problem }) =>
  problem ? (
    <div class="problem" role="alert">
      <p>
        <strong>{problem.detail}</strong>
      </p>
      {problem.errors?.length ? (
        <ul>
          {problem.errors.map((e) => (
            <li>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {problem.findings?.length ? (
        <ul class="findings">
          {problem.findings.map((f) => (
            <li>
              <span class={`sev sev-${f.severity ?? 'error'}`}>{f.severity ?? 'error'}</span> <code>{f.rule}</code>{' '}
              {f.text ? <mark>{f.text}</mark> : null} {f.message}
              {f.suggestion ? <span class="suggestion"> Suggestion: {f.suggestion}.</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  ) : null;

export const Time: FC<{ at: number | null }> = ({ at }) =>
  at === null ? (
    <span>—</span>
  ) : (
    <time
      datetime={new Date(at).toISOString()}
    >{`${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`}</time>
  );
