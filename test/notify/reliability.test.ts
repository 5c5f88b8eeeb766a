// Reliability of the outbox: `notify tick` is killed with SIGKILL 20 times in the middle of a fan-out.
// Every subscriber still gets every notification at least once, a receiver that deduplicates on the
// notification id processes each exactly once, and an address unsubscribed mid-way gets nothing more.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeDeps } from '../../src/node-deps';
import { createIncident, postIncidentUpdate } from '../../src/services/incidents';
import { signLinkToken } from '../../src/services/subscription-links';
import { unsubscribe } from '../../src/services/subscriptions';
import { CLI_ENTRY, ROOT, tempDbPath } from '../helpers/processes';
import { addSubscribers } from '../helpers/subscribers';
import { TEST_LINK_SECRET, TEST_WEBHOOK_SECRET } from '../helpers/world';
import { startSmtpSink } from '../sla/helpers';

const WEBHOOKS = 12;
const EMAILS = 6;
const KILLS = 20;
const MINUTE = 60_000;

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('notify tick killed with SIGKILL during a fan-out', () => {
  it('delivers every notification at least once and once per id after dedup; unsubscribing stops the mail', {
    timeout: 180_000,
  }, async () => {
    // A slow, deduplicating webhook receiver: each request takes 40 ms, so a tick is always mid-way.
    const requests: string[] = [];
    const processed = new Map<string, string>();
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      // The sender is killed mid-request on purpose: its reset connection is expected here.
      req.on('error', () => {});
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const id = String(req.headers['afterword-notification-id']);
        requests.push(id);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (!processed.has(id)) processed.set(id, `${req.url} ${body.type} ${body.message}`);
        setTimeout(() => res.writeHead(200).end('ok'), 40);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      receiver.closeAllConnections();
      return new Promise<void>((resolve) => receiver.close(() => resolve()));
    });
    const sink = await startSmtpSink();
    cleanups.push(sink.close);
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const env = {
      DATABASE_PATH: tempDbPath(),
      AFTERWORD_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      AFTERWORD_LINK_SECRET: TEST_LINK_SECRET,
      AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://status.example.test',
    };
    const { deps, handle } = nodeDeps({ ...process.env, ...env });
    addSubscribers(handle.sqlite, [
      ...Array.from({ length: WEBHOOKS }, (_, i) => ({
        id: `sub_w${String.fromCharCode(97 + i).repeat(15)}`,
        channel: 'webhook' as const,
        address: `${hook}?s=${i}`,
      })),
      ...Array.from({ length: EMAILS }, (_, i) => ({
        id: `sub_e${String.fromCharCode(97 + i).repeat(15)}`,
        channel: 'email' as const,
        address: `reader${i}@example.test`,
      })),
    ]);
    const actor = { tokenId: null, label: 'test' };
    const incident = await createIncident({
      deps,
      input: { title: 'Checkout errors', severity: 'SEV-1', startedAt: Date.now() - MINUTE, lead: { name: 'Lee' } },
      actor,
    });
    await postIncidentUpdate({ deps, id: incident.id, input: { status: 'identified', body: 'Found it.' }, actor });

    const base = Date.now();
    let ticks = 0;
    /** One `notify tick` process; each runs 3 simulated minutes after the last, so dead claims' leases have run out. */
    /**
     * `killAfterMs`: SIGKILL that long after the tick's first webhook request reached the receiver, so
     * the kill lands mid-delivery however slowly the process starts (a tick with nothing to send exits).
     */
    function tick(killAfterMs: number | null): Promise<number | null> {
      const now = new Date(base + ++ticks * 3 * MINUTE).toISOString();
      const seenBefore = requests.length;
      const child: ChildProcess = spawn(process.execPath, [CLI_ENTRY, 'notify', 'tick', '--now', now], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: 'ignore',
      });
      return new Promise((resolve) => {
        let timer: ReturnType<typeof setTimeout> | null = null;
        const watch =
          killAfterMs === null
            ? null
            : setInterval(() => {
                if (requests.length > seenBefore && !timer)
                  timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
              }, 5);
        child.on('exit', (code) => {
          if (watch) clearInterval(watch);
          if (timer) clearTimeout(timer);
          resolve(code);
        });
      });
    }

    let killed = 0;
    const victim = 'reader0@example.test';
    let mailsToVictimAtUnsubscribe = -1;
    for (let i = 0; i < KILLS; i++) {
      // Killed somewhere between start-up and the middle of its deliveries.
      const code = await tick((i * 37) % 120);
      if (code === null) killed++;
      if (i === KILLS / 2) {
        const token = await signLinkToken(TEST_LINK_SECRET, 'unsubscribe', `sub_e${'a'.repeat(15)}`, null);
        await unsubscribe({ deps, token });
        mailsToVictimAtUnsubscribe = sink.mails.filter((m) => m.to.includes(victim)).length;
        // A new update after the unsubscription: everyone else gets it, the victim does not.
        await postIncidentUpdate({
          deps,
          id: incident.id,
          input: { status: 'monitoring', body: 'Fix deployed.' },
          actor,
        });
      }
    }
    expect(killed).toBeGreaterThanOrEqual(KILLS / 4);
    // Then ticks run to completion until nothing is pending.
    for (let i = 0; i < 10; i++) {
      expect(await tick(null)).toBe(0);
      const pending = handle.sqlite
        .prepare("select count(*) as n from notifications where status = 'pending'")
        .get() as { n: number };
      const unfanned = handle.sqlite
        .prepare('select count(*) as n from domain_events where fanned_out_at is null')
        .get() as { n: number };
      if (pending.n === 0 && unfanned.n === 0) break;
    }

    const rows = handle.sqlite
      .prepare("select id, subscriber_id, type, status from notifications where kind = 'subscriber' order by id")
      .all() as { id: string; subscriber_id: string; type: string; status: string }[];
    handle.close();
    // Three events: created and identified to 18 subscribers, monitoring to 17 (one unsubscribed and erased).
    const webhookRows = rows.filter((r) => r.subscriber_id.startsWith('sub_w'));
    expect(webhookRows).toHaveLength(WEBHOOKS * 3);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    // At least once: every webhook notification id reached the receiver.
    for (const r of webhookRows) expect(processed.has(r.id)).toBe(true);
    // Once per id after deduplication, and never an id the outbox does not know.
    expect(processed.size).toBe(webhookRows.length);
    expect(new Set(requests)).toEqual(new Set(webhookRows.map((r) => r.id)));
    // Each (subscriber, event) pair has exactly one id.
    expect(new Set([...processed.values()]).size).toBe(processed.size);

    // Email: every remaining reader got each of the three updates (by Message-ID, resends folded).
    for (let i = 1; i < EMAILS; i++) {
      const ids = new Set(
        sink.mails.filter((m) => m.to.includes(`reader${i}@example.test`)).map((m) => m.header('Message-ID')),
      );
      expect(ids.size).toBe(3);
    }
    expect(mailsToVictimAtUnsubscribe).toBeGreaterThanOrEqual(0);
    expect(sink.mails.filter((m) => m.to.includes(victim)).length).toBe(mailsToVictimAtUnsubscribe);
  });
});
