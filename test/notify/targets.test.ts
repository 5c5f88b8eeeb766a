// Outbound safety: no internal targets (any spelling, at validation, at delivery, after DNS), no
// credentials in URLs, lastError from fixed text, routes resolved per attempt, leases from the claim.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchDue } from '../../src/alerts/dispatch';
import { isInternalAddress, targetProblem } from '../../src/core/targets';
import { nodeWebhookFetch, publicOnlyLookup } from '../../src/node-fetch';
import { tickNotify } from '../../src/services/notify-tick';
import { tickSla } from '../../src/services/sla-tick';
import { addSubscribers } from '../helpers/subscribers';
import { createWorld, T0, type World } from '../helpers/world';
import { HOUR, startReceiver } from '../sla/helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function world(opts: Parameters<typeof createWorld>[0] = {}): World {
  const w = createWorld(opts);
  cleanups.push(w.close);
  return w;
}

describe('targetProblem', () => {
  const internal = [
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://0.0.0.0/',
    'http://0/',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://100.127.255.254/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[fe80::1]/',
    'http://localhost:8080/',
    'http://LOCALHOST./',
    'http://api.localhost/',
    'http://metadata.google.internal/',
    'http://intranet/',
  ];
  it.each(internal)('refuses %s', (url) => {
    expect(targetProblem(url, false)).toBe('internal');
  });

  it.each([
    'https://hooks.slack.com/services/T0/B0/x',
    'https://203.0.113.10/hook',
    'http://[2001:db8::1]/',
    'https://172.32.0.1/',
  ])('accepts the public target %s', (url) => {
    expect(targetProblem(url, false)).toBeNull();
  });

  it('refuses credentials in the URL and other schemes, even when private targets are allowed', () => {
    expect(targetProblem(`https://ops:${'S3'}cret@hooks.example.com/x`, true)).toBe('credentials');
    expect(targetProblem('https://ops@hooks.example.com/x', true)).toBe('credentials');
    expect(targetProblem('file:///etc/passwd', true)).toBe('scheme');
    expect(targetProblem('not a url', true)).toBe('invalid_url');
    expect(targetProblem('http://127.0.0.1:9/', true)).toBeNull();
  });

  it('judges DNS answers in any textual form', () => {
    for (const a of ['127.0.0.53', '::1', '::ffff:10.0.0.1', 'fe80::1%eth0', '0.0.0.0'])
      expect(isInternalAddress(a)).toBe(true);
    for (const a of ['8.8.8.8', '2606:4700::1111']) expect(isInternalAddress(a)).toBe(false);
  });
});

describe('validation', () => {
  it('refuses an internal or credentialed lead webhook with 422 and writes nothing', async () => {
    const w = world({ allowPrivateTargets: false });
    const admin = await w.token('admin');
    for (const webhookUrl of [
      'http://0x7f.0.0.1:8080/hook',
      'http://[::ffff:127.0.0.1]/',
      `https://ops:${'S3'}cret@hooks.example.com/x`,
    ]) {
      const r = await w.call('POST', '/api/v1/incidents', {
        token: admin,
        body: { title: 'T', severity: 'SEV-1', startedAt: '2026-11-20T11:00:00Z', lead: { name: 'Lee', webhookUrl } },
      });
      expect(r.status).toBe(422);
      expect(r.json.errors[0].path).toBe('lead.webhookUrl');
      expect(r.text).not.toContain('S3cret');
    }
    const sla = await w.call('PUT', '/api/v1/sla/settings', {
      token: admin,
      body: { fallback: { channel: 'webhook', target: 'http://169.254.169.254/latest' } },
    });
    expect(sla.status).toBe(422);
    expect(w.handle.sqlite.prepare('select count(*) as n from incidents').get()).toEqual({ n: 0 });
  });

  it('shows the lead webhook in full only to admin and incidents:write tokens', async () => {
    const w = world();
    const admin = await w.token('admin');
    const reader = await w.token('summaries:publish');
    const writer = await w.token('incidents:write');
    const url = 'https://hooks.example.com/services/T000/B000/secretpath';
    const r = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: 'T',
        severity: 'SEV-1',
        startedAt: '2026-11-20T11:00:00Z',
        lead: { name: 'Lee', webhookUrl: url },
      },
    });
    const asReader = await w.call('GET', `/api/v1/incidents/${r.json.id}`, { token: reader });
    expect(asReader.json.lead.webhookUrl).toBe('https://hooks.example.com');
    const list = await w.call('GET', '/api/v1/incidents', { token: reader });
    expect(list.text).not.toContain('secretpath');
    expect((await w.call('GET', `/api/v1/incidents/${r.json.id}`, { token: writer })).json.lead.webhookUrl).toBe(url);
  });
});

describe('delivery', () => {
  it('refuses an internal target stored before validation existed; lastError is fixed text and the origin', async () => {
    const w = world({ allowPrivateTargets: false });
    const receiver = await startReceiver({ now: w.clock });
    cleanups.push(receiver.close);
    const admin = await w.token('admin');
    const r = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: 'T',
        severity: 'SEV-1',
        startedAt: new Date(T0 - 30 * HOUR).toISOString(),
        lead: { name: 'Lee', webhookUrl: 'https://hooks.example.com/x' },
      },
    });
    // Written straight to the database, as an older version (or an operator) could have.
    w.handle.sqlite.prepare('update incidents set lead_webhook_url = ? where id = ?').run(receiver.url, r.json.id);
    await tickSla({ deps: w.deps });
    expect(receiver.received).toHaveLength(0);
    const [row] = w.handle.sqlite.prepare('select status, last_error from notifications').all() as {
      last_error: string;
    }[];
    expect(row?.last_error).toBe(
      `refused: the target points to an internal address (loopback, private, link-local, CGNAT, ULA or unspecified) (${new URL(receiver.url).origin})`,
    );
    expect(row?.last_error).not.toContain('path-secret');

    w.handle.sqlite
      .prepare('update incidents set lead_webhook_url = ? where id = ?')
      .run(`https://ops:${'S3'}cret@hooks.example.com/x`, r.json.id);
    w.handle.sqlite.prepare('update notifications set next_attempt_at = 0').run();
    await tickSla({ deps: w.deps });
    const [again] = w.handle.sqlite.prepare('select last_error from notifications').all() as { last_error: string }[];
    expect(again?.last_error).toBe(
      'refused: the target must not carry a user name or password (https://hooks.example.com)',
    );
  });

  it('on Node, a name that resolves to an internal address is refused at connect time', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const port = new URL(receiver.url).port;
    const refused = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup('localhost', {}, (err) => resolve(err)),
    );
    expect((refused as { code?: string } | null)?.code).toBe('AFTERWORD_INTERNAL_TARGET');
    const fetchPublicOnly = nodeWebhookFetch({ allowPrivate: false });
    await expect(
      fetchPublicOnly(`http://localhost:${port}/hook`, { method: 'POST', body: '{}' }),
    ).rejects.toMatchObject({
      cause: { code: 'AFTERWORD_INTERNAL_TARGET' },
    });
    expect(receiver.received).toHaveLength(0);
    // With the development opt-in the same call goes through.
    const res = await nodeWebhookFetch({ allowPrivate: true })(`http://localhost:${port}/hook`, {
      method: 'POST',
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('resolves the route per attempt: a retry goes to the lead webhook as corrected since', async () => {
    const w = world();
    const admin = await w.token('admin');
    const broken = await startReceiver({ answer: () => 500, now: w.clock });
    const fixed = await startReceiver({ now: w.clock });
    cleanups.push(broken.close, fixed.close);
    const r = await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: 'T',
        severity: 'SEV-1',
        startedAt: new Date(T0 - 30 * HOUR).toISOString(),
        lead: { name: 'Lee', webhookUrl: broken.url },
      },
    });
    await tickSla({ deps: w.deps });
    expect(broken.received).toHaveLength(1);
    await w.call('PATCH', `/api/v1/incidents/${r.json.id}`, {
      token: admin,
      body: { lead: { webhookUrl: fixed.url } },
    });
    w.clock.advance(60_000);
    await tickSla({ deps: w.deps });
    expect(fixed.received).toHaveLength(1);
    expect(fixed.received[0]?.json.alertId).toBe(broken.received[0]?.json.alertId);
  });
});

/** A receiver that holds every request until `answerAll()`, then answers 200 (now and from then on). */
async function heldReceiver() {
  const ids: string[] = [];
  const held: ServerResponse[] = [];
  let holding = true;
  let waiter: (() => void) | null = null;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      ids.push(String(req.headers['afterword-notification-id']));
      waiter?.();
      if (holding) held.push(res);
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    ids,
    waitFor: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (ids.length >= n) resolve();
        };
        waiter = check;
        check();
      }),
    answerAll(keepHolding = false) {
      for (const res of held.splice(0)) res.writeHead(200).end('ok');
      holding = keepHolding;
    },
    close: () => {
      holding = false;
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('overlapping ticks with a slow receiver', () => {
  it('a notification claimed late in a long tick is leased from its claim: a second tick does not send it again', async () => {
    const w = world();
    const admin = await w.token('admin');
    const receiver = await heldReceiver();
    cleanups.push(receiver.close);
    // Nine webhook subscribers: one tick sends eight at once, the ninth only when one of those is done.
    addSubscribers(
      w.handle.sqlite,
      Array.from({ length: 9 }, (_, i) => ({
        id: `sub_slow${i}`,
        channel: 'webhook' as const,
        address: `${receiver.url}?n=${i}`,
      })),
    );
    await w.call('POST', '/api/v1/incidents', {
      token: admin,
      body: { title: 'Slow', severity: 'SEV-2', startedAt: '2026-11-20T11:00:00Z', lead: { name: 'Lee' } },
    });
    const first = tickNotify({ deps: w.deps });
    await receiver.waitFor(8);
    // The first eight take three minutes (longer than a lease); the ninth is claimed only then, and held too.
    w.clock.advance(3 * 60_000);
    receiver.answerAll(true);
    await receiver.waitFor(9);
    // A second tick now: were the lease counted from the first tick's start, the ninth would be due again.
    await dispatchDue({ deps: w.deps, now: w.clock(), maxAttempts: 8, fallback: null });
    receiver.answerAll();
    await first;
    expect(receiver.ids).toHaveLength(9);
    expect(new Set(receiver.ids).size).toBe(9);
    const statuses = w.handle.sqlite.prepare(`select status, count(*) as n from notifications group by status`).all();
    expect(statuses).toEqual([{ status: 'delivered', n: 9 }]);
  });
});
