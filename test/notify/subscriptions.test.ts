// Visitors' subscriptions end to end: the /subscribe form (CSRF, rate limits, no enumeration), email
// double opt-in through a real SMTP sink, signed links, one-click unsubscribe, webhook challenge, and
// the admin API.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/alerts/node-smtp';
import { verifySignature } from '../../src/alerts/signature';
import { tickNotify } from '../../src/services/notify-tick';
import { addSubscribers } from '../helpers/subscribers';
import { createWorld, TEST_WEBHOOK_SECRET, type World } from '../helpers/world';
import { startSmtpSink } from '../sla/helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const sink = await startSmtpSink();
  const mailer = smtpMailer(sink.url, 'Status <status@example.test>');
  const w = createWorld({ alerts: { mailer } });
  cleanups.push(sink.close, () => mailer.close(), w.close);
  const admin = await w.token('admin');
  return { w, sink, admin };
}

/** GET /subscribe as a browser: the anti-forgery cookie and the form's hidden field. */
async function openForm(w: World) {
  const res = await w.app.request('/subscribe');
  const html = await res.text();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(html)?.[1] ?? '';
  return { res, html, cookie, csrf };
}

async function postForm(w: World, fields: [string, string][], cookie: string) {
  const res = await w.app.request('/subscribe', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

async function signUp(w: World, email: string, extra: [string, string][] = []) {
  const form = await openForm(w);
  return postForm(
    w,
    [['csrf', form.csrf], ['channel', 'email'], ['email', email], ['maintenance', '1'], ...extra],
    form.cookie,
  );
}

function mailText(raw: string): string {
  const body = raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');
  return body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

function link(raw: string, kind: 'confirm' | 'manage' | 'unsubscribe'): string {
  const m = new RegExp(`https://status\\.example\\.test(/subscribe/${kind}\\?token=[A-Za-z0-9_.]+)`).exec(
    mailText(raw),
  );
  if (!m?.[1]) throw new Error(`no ${kind} link in:\n${mailText(raw)}`);
  return m[1];
}

async function openIncident(w: World, admin: string, components: { id: string; status: string }[] = []) {
  const r = await w.call('POST', '/api/v1/incidents', {
    token: admin,
    body: {
      title: 'Checkout errors',
      severity: 'SEV-2',
      startedAt: '2026-11-20T11:00:00Z',
      lead: { name: 'Lee', email: 'lee@corp.example' },
      components,
      message: 'Some payments fail.',
    },
  });
  expect(r.status).toBe(201);
  return r.json.id as string;
}

describe('/subscribe', () => {
  it('renders a form that works without JavaScript: an email input, component choices, a CSRF field', async () => {
    const { w, admin } = await setup();
    await w.call('POST', '/api/v1/components', { token: admin, body: { name: 'Checkout API' } });
    const { res, html, cookie, csrf } = await openForm(w);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<input id="email" type="email" name="email"');
    expect(html).toContain('Checkout API');
    expect(html).toMatch(/<form method="post" action="\/subscribe"/);
    expect(csrf).toMatch(/^[0-9a-f]{32}$/);
    expect(cookie).toBe(`afterword_csrf=${csrf}`);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
  });

  it('double opt-in: a confirmation mail first, nothing else until the link is followed; then updates with one-click unsubscribe', async () => {
    const { w, sink, admin } = await setup();
    const answer = await signUp(w, 'Visitor@Example.com');
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('Check your inbox');

    await openIncident(w, admin);
    await tickNotify({ deps: w.deps });
    expect(sink.mails).toHaveLength(1);
    const confirm = sink.mails[0]!;
    expect(confirm.to).toEqual(['visitor@example.com']);
    expect(confirm.header('Subject')).toMatch(/^Confirm your subscription/);
    const confirmPath = link(confirm.raw, 'confirm');
    expect(confirmPath).toContain('confirm');

    // A forged or altered token does nothing.
    const forged = await w.app.request(confirmPath.replace(/.$/, (c) => (c === '0' ? '1' : '0')));
    expect(forged.status).toBe(404);
    const ok = await w.app.request(confirmPath);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('You are subscribed');

    const id = await openIncident(w, admin);
    await w.call('POST', `/api/v1/incidents/${id}/resolve`, {
      token: admin,
      body: { message: 'Payments work again.' },
    });
    await tickNotify({ deps: w.deps });
    const updates = sink.mails.slice(1);
    // Delivered in parallel: in either order.
    expect(updates.map((m) => m.header('Subject')).sort()).toEqual([
      'New incident: Checkout errors',
      'Resolved: Checkout errors',
    ]);
    const mail = updates.find((m) => m.header('Subject')?.startsWith('Resolved'))!;
    expect(mailText(mail.raw)).toContain('Payments work again.');
    expect(mailText(mail.raw)).not.toMatch(/Lee|corp\.example/);
    const unsubscribePath = link(mail.raw, 'unsubscribe');
    expect(mail.header('List-Unsubscribe')).toBe(`<https://status.example.test${unsubscribePath}>`);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(link(mail.raw, 'manage')).toMatch(/^\/subscribe\/manage\?token=/);

    // A GET (a link scanner) does not unsubscribe; the RFC 8058 POST does.
    expect((await w.app.request(unsubscribePath)).status).toBe(200);
    expect(w.handle.sqlite.prepare('select count(*) as n from subscribers').get()).toEqual({ n: 1 });
    const post = await w.app.request(unsubscribePath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    expect(w.handle.sqlite.prepare('select count(*) as n from subscribers').get()).toEqual({ n: 0 });
    await openIncident(w, admin);
    await tickNotify({ deps: w.deps });
    expect(sink.mails).toHaveLength(3);
  });

  it('a confirmation link expires after 48 hours', async () => {
    const { w, sink } = await setup();
    await signUp(w, 'late@example.com');
    await tickNotify({ deps: w.deps });
    const path = link(sink.mails[0]!.raw, 'confirm');
    w.clock.advance(48 * 3_600_000 + 60_000);
    expect((await w.app.request(path)).status).toBe(404);
  });

  it('answers the same whether the address is new or already subscribed, and refuses a cross-site post', async () => {
    const { w } = await setup();
    const first = await signUp(w, 'same@example.com');
    const second = await signUp(w, 'same@example.com');
    expect(second).toEqual(first);

    const noCookie = await postForm(
      w,
      [
        ['csrf', 'a'.repeat(32)],
        ['email', 'csrf@example.com'],
      ],
      '',
    );
    expect(noCookie.status).toBe(400);
    const form = await openForm(w);
    const crossSite = await w.app.request('/subscribe', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: form.cookie,
        'Sec-Fetch-Site': 'cross-site',
      },
      body: new URLSearchParams([
        ['csrf', form.csrf],
        ['email', 'csrf@example.com'],
      ]).toString(),
    });
    expect(crossSite.status).toBe(400);
    expect(
      w.handle.sqlite.prepare("select count(*) as n from subscribers where address = 'csrf@example.com'").get(),
    ).toEqual({ n: 0 });
  });

  it('rate-limits sign-ups per client address and confirmation mails per email', async () => {
    const { w, sink } = await setup();
    for (let i = 0; i < 4; i++) {
      expect((await signUp(w, 'flood@example.com')).status).toBe(200);
      w.clock.advance(1000);
    }
    await tickNotify({ deps: w.deps });
    // Three confirmation requests an hour per address; the fourth answers the same and sends nothing.
    expect(sink.mails).toHaveLength(3);
    for (let i = 4; i < 10; i++) expect((await signUp(w, `other${i}@example.com`)).status).toBe(200);
    const limited = await signUp(w, 'eleventh@example.com');
    expect(limited.status).toBe(429);
    w.clock.advance(3_600_000);
    expect((await signUp(w, 'eleventh@example.com')).status).toBe(200);
  });

  it('follows components and groups: an update to another component sends nothing', async () => {
    const { w, sink, admin } = await setup();
    const group = await w.call('POST', '/api/v1/component-groups', { token: admin, body: { name: 'Payments' } });
    const checkout = await w.call('POST', '/api/v1/components', {
      token: admin,
      body: { name: 'Checkout', groupId: group.json.id },
    });
    const search = await w.call('POST', '/api/v1/components', { token: admin, body: { name: 'Search' } });
    await signUp(w, 'payments@example.com', [['components', group.json.id]]);
    await tickNotify({ deps: w.deps });
    expect((await w.app.request(link(sink.mails[0]!.raw, 'confirm'))).status).toBe(200);
    await openIncident(w, admin, [{ id: search.json.id, status: 'degraded_performance' }]);
    await tickNotify({ deps: w.deps });
    expect(sink.mails).toHaveLength(1);
    await openIncident(w, admin, [{ id: checkout.json.id, status: 'major_outage' }]);
    await tickNotify({ deps: w.deps });
    expect(sink.mails).toHaveLength(2);
  });
});

describe('webhook subscriptions', () => {
  it('confirm by echoing a signed challenge, then receive signed events', async () => {
    const { w, admin } = await setup();
    const received: { body: any; valid: boolean }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(raw);
        const valid = await verifySignature(
          TEST_WEBHOOK_SECRET,
          raw,
          (req.headers['afterword-signature'] as string) ?? null,
          w.clock(),
        );
        received.push({ body, valid });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ challenge: body.challenge }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const form = await openForm(w);
    const answer = await postForm(
      w,
      [
        ['csrf', form.csrf],
        ['channel', 'webhook'],
        ['url', url],
      ],
      form.cookie,
    );
    expect(answer.status).toBe(200);
    await tickNotify({ deps: w.deps });
    expect(received[0]?.body).toMatchObject({
      type: 'subscription.challenge',
      challenge: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(w.handle.sqlite.prepare('select status from subscribers').get()).toEqual({ status: 'confirmed' });
    await openIncident(w, admin);
    await tickNotify({ deps: w.deps });
    expect(received[1]).toMatchObject({
      valid: true,
      body: { type: 'incident.created', title: 'Checkout errors', notificationId: expect.any(String) },
    });
  });
});

describe('admin API', () => {
  async function confirmed(w: World, n: number) {
    addSubscribers(
      w.handle.sqlite,
      Array.from({ length: n }, (_, i) => ({
        id: `sub_${String(i).padStart(16, 'a')}`,
        channel: 'email' as const,
        address: `=cmd${i}@example.com`,
      })),
    );
  }

  it('lists with a cursor, exports CSV and JSON, counts per component, and needs the subscriber scopes', async () => {
    const { w, admin } = await setup();
    await confirmed(w, 5);
    const reader = await w.token('subscribers:read');
    const other = await w.token('incidents:write');
    expect((await w.call('GET', '/api/v1/subscribers', { token: other })).status).toBe(403);
    const page1 = await w.call('GET', '/api/v1/subscribers?limit=3', { token: reader });
    expect(page1.json.subscribers).toHaveLength(3);
    const page2 = await w.call('GET', `/api/v1/subscribers?limit=3&cursor=${page1.json.nextCursor}`, { token: reader });
    expect(page2.json.subscribers).toHaveLength(2);
    expect(page2.json.nextCursor).toBeNull();
    const json = await w.call('GET', '/api/v1/subscribers/export?format=json', { token: reader });
    expect(json.json.subscribers).toHaveLength(5);
    const csv = await w.call('GET', '/api/v1/subscribers/export?format=csv', { token: reader });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,channel,address,status,everything,components,maintenance,createdAt,confirmedAt');
    expect(lines).toHaveLength(6);
    // Formula injection is defused for spreadsheets.
    expect(lines[1]).toContain(",'=cmd0@example.com,");
    const counts = await w.call('GET', '/api/v1/subscribers/counts', { token: reader });
    expect(counts.json).toMatchObject({ confirmed: 5, pending: 0, everything: 5 });
    expect(
      (await w.call('DELETE', `/api/v1/subscribers/${page1.json.subscribers[0].id}`, { token: reader })).status,
    ).toBe(403);
    void admin;
  });

  it('deleting a subscriber erases the address and its pending mail', async () => {
    const { w, sink, admin } = await setup();
    await confirmed(w, 1);
    await openIncident(w, admin);
    const { fanOutEvents } = await import('../../src/services/notify-tick');
    await fanOutEvents(w.deps, w.clock(), () => true);
    expect(w.handle.sqlite.prepare("select count(*) as n from notifications where status = 'pending'").get()).toEqual({
      n: 1,
    });
    const writer = await w.token('subscribers:write');
    const del = await w.call('DELETE', '/api/v1/subscribers/sub_aaaaaaaaaaaaaaa0', { token: writer });
    expect(del.status).toBe(204);
    expect(
      w.handle.sqlite.prepare('select count(*) as n from notifications where subscriber_id is not null').get(),
    ).toEqual({ n: 0 });
    expect(w.handle.sqlite.prepare('select count(*) as n from subscribers').get()).toEqual({ n: 0 });
    await tickNotify({ deps: w.deps });
    expect(sink.mails).toHaveLength(0);
    expect((await w.call('DELETE', '/api/v1/subscribers/sub_aaaaaaaaaaaaaaa0', { token: writer })).status).toBe(404);
  });
});
