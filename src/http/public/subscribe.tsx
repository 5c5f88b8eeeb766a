// /subscribe: the visitor's sign-up form (server-rendered, works without JavaScript), the confirmation
// link, the manage page and one-click unsubscribe (RFC 8058). Never cached: each form carries its own
// anti-forgery token (double submit: a SameSite=Strict cookie and the same value in the form).
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import { DomainError } from '../../core/errors';
import type { PageSettings } from '../../core/public/page-settings';
import type { OverallStatus } from '../../core/public/status';
import { snapshotStatus } from '../../core/public/statuspage';
import type { Subscriber, SubscriberChannel } from '../../core/subscribers';
import type { Component, ComponentGroup } from '../../core/types';
import { constantTimeEqual, randomBytes, toHex } from '../../lib/crypto';
import { listComponents, listGroups } from '../../services/components';
import { getPageSettings } from '../../services/page-settings';
import { loadStatusSnapshot } from '../../services/public-page';
import {
  confirmSubscription,
  subscribe,
  subscriberFromManageLink,
  unsubscribe,
  updateSubscription,
} from '../../services/subscriptions';
import { getCookie, setCookie } from '../cookies';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { Layout } from './views/layout';

const CSRF_COOKIE = 'afterword_csrf';

/** The visitor's address for rate limits: Cloudflare's header on Workers, the socket's on Node. */
function clientAddress(c: Context<AppEnv>): string {
  const cf = c.req.header('CF-Connecting-IP');
  if (cf) return cf;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

function csrfToken(c: Context<AppEnv>): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && /^[0-9a-f]{32}$/.test(existing)) return existing;
  const token = toHex(randomBytes(16));
  setCookie(c, CSRF_COOKIE, token, {
    path: '/subscribe',
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
  });
  return token;
}

/** A cross-site POST carries neither our cookie (SameSite=Strict) nor a matching form field. */
function checkCsrf(c: Context<AppEnv>, form: FormData): boolean {
  const cookie = getCookie(c, CSRF_COOKIE);
  const field = form.get('csrf');
  if (!cookie || typeof field !== 'string' || !constantTimeEqual(cookie, field)) return false;
  const site = c.req.header('Sec-Fetch-Site');
  return !site || site === 'same-origin' || site === 'none';
}

interface Choices {
  components: Component[];
  groups: ComponentGroup[];
}

const ComponentChoices: FC<{ choices: Choices; selected: Set<string> }> = ({ choices, selected }) => {
  const ungrouped = choices.components.filter((c) => !c.groupId);
  return (
    <fieldset class="choices">
      <legend>Components</legend>
      <p class="hint">Leave every box empty to follow everything.</p>
      {choices.groups.map((g) => (
        <div class="choice-group">
          <label class="choice">
            <input type="checkbox" name="components" value={g.id} checked={selected.has(g.id)} />
            <span>
              <strong>{g.name}</strong> (all of it)
            </span>
          </label>
          {choices.components
            .filter((c) => c.groupId === g.id)
            .map((c) => (
              <label class="choice nested">
                <input type="checkbox" name="components" value={c.id} checked={selected.has(c.id)} />
                <span>{c.name}</span>
              </label>
            ))}
        </div>
      ))}
      {ungrouped.map((c) => (
        <label class="choice">
          <input type="checkbox" name="components" value={c.id} checked={selected.has(c.id)} />
          <span>{c.name}</span>
        </label>
      ))}
    </fieldset>
  );
};

const MaintenanceChoice: FC<{ checked: boolean }> = ({ checked }) => (
  <label class="choice">
    <input type="checkbox" name="maintenance" value="1" checked={checked} />
    <span>Also tell me about scheduled maintenance</span>
  </label>
);

const SubscribeForm: FC<{ settings: PageSettings; choices: Choices; csrf: string; error?: string }> = ({
  settings,
  choices,
  csrf,
  error,
}) => (
  <section class="section subscribe">
    <h1>Subscribe to updates</h1>
    <p>Get a message when {settings.name} opens, updates or resolves an incident.</p>
    {error ? (
      <p class="form-error" role="alert">
        {error}
      </p>
    ) : null}
    <form method="post" action="/subscribe" class="form">
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="channel" value="email" />
      <label for="email">Email address</label>
      <input id="email" type="email" name="email" required autocomplete="email" maxlength={320} />
      <ComponentChoices choices={choices} selected={new Set()} />
      <MaintenanceChoice checked={true} />
      <button type="submit">Subscribe</button>
      <p class="hint">We send a confirmation link first; nothing else arrives until you follow it.</p>
    </form>
    <details class="alt-channels">
      <summary>Subscribe with a webhook or Slack instead</summary>
      <form method="post" action="/subscribe" class="form">
        <input type="hidden" name="csrf" value={csrf} />
        <label for="channel">Kind</label>
        <select id="channel" name="channel">
          <option value="webhook">Webhook (signed JSON; answer the challenge to confirm)</option>
          <option value="slack">Slack incoming webhook (confirm from the message in Slack)</option>
        </select>
        <label for="url">URL</label>
        <input id="url" type="url" name="url" required maxlength={2000} placeholder="https://" />
        <ComponentChoices choices={choices} selected={new Set()} />
        <MaintenanceChoice checked={true} />
        <button type="submit">Subscribe</button>
      </form>
    </details>
  </section>
);

const Message: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <section class="section subscribe">
    <h1>{title}</h1>
    {children}
    <p>
      <a href="/">Back to the status page</a>
    </p>
  </section>
);

const ManageForm: FC<{ s: Subscriber; choices: Choices; token: string; saved?: boolean }> = ({
  s,
  choices,
  token,
  saved,
}) => (
  <section class="section subscribe">
    <h1>Your subscription</h1>
    {saved ? <p role="status">Saved.</p> : null}
    <p>Updates go to {s.channel === 'email' ? s.address : 'your webhook'}.</p>
    <form method="post" action="/subscribe/manage" class="form">
      <input type="hidden" name="token" value={token} />
      <ComponentChoices choices={choices} selected={new Set(s.targets)} />
      <MaintenanceChoice checked={s.maintenance} />
      <button type="submit">Save</button>
    </form>
    <form method="post" action="/subscribe/manage" class="form">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="action" value="unsubscribe" />
      <button type="submit" class="secondary">
        Unsubscribe
      </button>
    </form>
  </section>
);

async function page(c: Context<AppEnv>, title: string, body: Child, status: 200 | 400 | 404 | 429 | 503 = 200) {
  const deps = c.get('deps');
  const settings = await getPageSettings({ deps });
  let overall: OverallStatus | null = null;
  try {
    overall = snapshotStatus(await loadStatusSnapshot({ deps }));
  } catch {
    // The form still renders (with the "unknown" favicon) when the status cannot be read.
  }
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  const url = new URL(c.req.url);
  return c.html(
    `<!doctype html>${await (
      <Layout
        settings={settings}
        pageUrl={deps.config.publicUrl}
        status={overall}
        title={title}
        description={`Get ${settings.name} status updates by email, webhook or Slack.`}
        path={url.pathname}
      >
        {body}
      </Layout>
    ).toString()}`,
    status,
  );
}

async function choicesOf(c: Context<AppEnv>): Promise<Choices> {
  const deps = c.get('deps');
  const [components, groups] = await Promise.all([listComponents({ deps }), listGroups({ deps })]);
  return { components, groups };
}

function problemText(err: unknown): { status: 400 | 404 | 429 | 503; text: string } | null {
  if (!(err instanceof DomainError)) return null;
  if (err.code === 'rate_limited')
    return { status: 429, text: 'Too many sign-ups from your network; try again in an hour.' };
  if (err.code === 'service_unavailable')
    return { status: 503, text: 'Subscriptions are not available on this page yet.' };
  if (err.code === 'not_found') return { status: 404, text: err.detail };
  if (err.code === 'validation_failed') {
    const first = (err.extensions.errors as { path: string; message: string }[] | undefined)?.[0];
    return {
      status: 400,
      text: first ? `The ${first.path === 'address' ? 'address' : 'choice'} ${first.message}.` : err.detail,
    };
  }
  return null;
}

export function subscribeRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/subscribe', async (c) => {
    const settings = await getPageSettings({ deps: c.get('deps') });
    return page(
      c,
      'Subscribe to updates',
      <SubscribeForm settings={settings} choices={await choicesOf(c)} csrf={csrfToken(c)} />,
    );
  });

  app.post('/subscribe', async (c) => {
    const deps = c.get('deps');
    const form = await c.req.formData().catch(() => new FormData());
    const settings = await getPageSettings({ deps });
    const again = async (error: string, status: 400 | 403 | 429 | 503) =>
      page(
        c,
        'Subscribe to updates',
        <SubscribeForm settings={settings} choices={await choicesOf(c)} csrf={csrfToken(c)} error={error} />,
        status === 403 ? 400 : status,
      );
    if (!checkCsrf(c, form)) return again('The form expired; please send it again.', 403);
    const channelField = String(form.get('channel') ?? 'email');
    const channel: SubscriberChannel = channelField === 'webhook' || channelField === 'slack' ? channelField : 'email';
    const address = String(form.get(channel === 'email' ? 'email' : 'url') ?? '').trim();
    if (channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      return again('Enter an email address such as name@example.com.', 400);
    }
    if (address.length > 2000) return again('That address is too long.', 400);
    try {
      await subscribe({
        deps,
        input: {
          channel,
          address,
          components: form.getAll('components').map(String),
          maintenance: form.get('maintenance') === '1',
        },
        client: clientAddress(c),
        pageName: settings.name,
      });
    } catch (err) {
      const p = problemText(err);
      if (!p) throw err;
      return again(p.text, p.status === 404 ? 400 : p.status);
    }
    // The same answer whether the address was new, pending or already subscribed.
    return page(
      c,
      'Check your inbox',
      <Message title={channel === 'email' ? 'Check your inbox' : 'Almost done'}>
        <p>
          {channel === 'email'
            ? 'If this address can receive updates, a confirmation link is on its way. Follow it within 48 hours to start receiving updates.'
            : channel === 'webhook'
              ? 'We are sending a challenge to your webhook; echo its "challenge" value in the response body to confirm.'
              : 'A confirmation link is on its way to your Slack channel; follow it within 48 hours.'}
        </p>
      </Message>,
    );
  });

  app.get('/subscribe/confirm', async (c) => {
    try {
      await confirmSubscription({ deps: c.get('deps'), token: c.req.query('token') ?? '' });
    } catch (err) {
      const p = problemText(err);
      if (!p) throw err;
      return page(c, 'Link not valid', <Message title="This link is not valid">{<p>{p.text}</p>}</Message>, p.status);
    }
    return page(
      c,
      'Subscribed',
      <Message title="You are subscribed">
        <p>You will hear from us when something changes. Every message carries a link to change or stop it.</p>
      </Message>,
    );
  });

  app.get('/subscribe/manage', async (c) => {
    const token = c.req.query('token') ?? '';
    try {
      const s = await subscriberFromManageLink({ deps: c.get('deps'), token });
      return page(c, 'Your subscription', <ManageForm s={s} choices={await choicesOf(c)} token={token} />);
    } catch (err) {
      const p = problemText(err);
      if (!p) throw err;
      return page(c, 'Link not valid', <Message title="This link is not valid">{<p>{p.text}</p>}</Message>, p.status);
    }
  });

  app.post('/subscribe/manage', async (c) => {
    const deps = c.get('deps');
    const form = await c.req.formData().catch(() => new FormData());
    const token = String(form.get('token') ?? '');
    try {
      if (form.get('action') === 'unsubscribe') {
        await unsubscribe({ deps, token, purpose: 'manage' });
        return page(
          c,
          'Unsubscribed',
          <Message title="You are unsubscribed">{<p>Nothing more will be sent.</p>}</Message>,
        );
      }
      const s = await updateSubscription({
        deps,
        token,
        components: form.getAll('components').map(String),
        maintenance: form.get('maintenance') === '1',
      });
      return page(c, 'Your subscription', <ManageForm s={s} choices={await choicesOf(c)} token={token} saved />);
    } catch (err) {
      const p = problemText(err);
      if (!p) throw err;
      return page(c, 'Link not valid', <Message title="This link is not valid">{<p>{p.text}</p>}</Message>, p.status);
    }
  });

  // GET shows a button (link scanners must not unsubscribe anyone); POST is RFC 8058's one click.
  app.get('/subscribe/unsubscribe', async (c) => {
    const token = c.req.query('token') ?? '';
    return page(
      c,
      'Unsubscribe',
      <Message title="Unsubscribe">
        <form method="post" action={`/subscribe/unsubscribe?token=${encodeURIComponent(token)}`} class="form">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">Unsubscribe</button>
        </form>
      </Message>,
    );
  });

  app.post('/subscribe/unsubscribe', async (c) => {
    try {
      await unsubscribe({ deps: c.get('deps'), token: c.req.query('token') ?? '' });
    } catch (err) {
      const p = problemText(err);
      if (!p) throw err;
      return page(c, 'Link not valid', <Message title="This link is not valid">{<p>{p.text}</p>}</Message>, p.status);
    }
    return page(c, 'Unsubscribed', <Message title="You are unsubscribed">{<p>Nothing more will be sent.</p>}</Message>);
  });

  return app;
}
