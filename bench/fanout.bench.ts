// `npm run bench -- fanout`: one incident update to 10,000 confirmed email subscribers and 1,000
// webhook subscribers, against a local SMTP sink (smtp-server) and a local HTTP receiver. Reports the
// time to enqueue (the write, then the fan-out of its event into 11,000 outbox rows; target < 1 s),
// the delivery throughput of the notify tick, and memory (RSS, peak sampled).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { smtpMailer } from '../src/alerts/node-smtp';
import { parseConfig } from '../src/config';
import { openSqlite } from '../src/db/node-sqlite';
import { createStore } from '../src/db/store';
import type { Deps } from '../src/services/deps';
import { createIncident, postIncidentUpdate } from '../src/services/incidents';
import { fanOutEvents, tickNotify } from '../src/services/notify-tick';

const EMAILS = Number(process.env.FANOUT_EMAILS ?? 10_000);
const WEBHOOKS = Number(process.env.FANOUT_WEBHOOKS ?? 1_000);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

// The SMTP sink: accepts every message and counts it.
let mails = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      mails++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

// The webhook receiver: deduplicates on the notification id, as a receiver should.
const seen = new Set<string>();
let webhookRequests = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    webhookRequests++;
    seen.add(String(req.headers['afterword-notification-id']));
    res.writeHead(204).end();
  });
});
receiver.keepAliveTimeout = 10_000;
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const dir = mkdtempSync(join(tmpdir(), 'afterword-fanout-'));
const handle = openSqlite(join(dir, 'fanout.db'));
const mailer = smtpMailer(`smtp://127.0.0.1:${smtpPort}`, 'Status <status@example.test>');
const deps: Deps = {
  store: createStore(handle.db),
  clock: () => Date.now(),
  config: parseConfig({
    PUBLIC_URL: 'https://status.example.test',
    AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
    AFTERWORD_LINK_SECRET: ['bench', 'link', 'secret', 'value'].join('-'),
  }),
  alerts: {
    fetch: (input, init) => fetch(input, init),
    mailer,
    webhookSecret: ['bench', 'webhook', 'secret'].join('-'),
    emailFrom: 'Status <status@example.test>',
    allowPrivateTargets: true,
  },
};

// Subscribers straight in SQL (sign-up is not what this measures).
const insert = handle.sqlite.prepare(
  `insert into subscribers (id, channel, address, status, everything, maintenance, created_at, updated_at, confirmed_at)
   values (?, ?, ?, 'confirmed', 1, 1, 0, 0, 0)`,
);
handle.sqlite.transaction(() => {
  for (let i = 0; i < EMAILS; i++)
    insert.run(`sub_e${String(i).padStart(15, '0')}`, 'email', `reader${i}@example.test`);
  for (let i = 0; i < WEBHOOKS; i++) insert.run(`sub_w${String(i).padStart(15, '0')}`, 'webhook', `${hookUrl}?n=${i}`);
})();

const actor = { tokenId: null, label: 'bench' };
const incident = await createIncident({
  deps,
  input: { title: 'Checkout errors', severity: 'SEV-1', startedAt: Date.now() - 600_000, lead: { name: 'Lee' } },
  actor,
});
// The first event (incident.created) is not what we time: drop it, as if it had been delivered.
handle.sqlite.prepare('update domain_events set fanned_out_at = 0').run();

const t0 = performance.now();
await postIncidentUpdate({
  deps,
  id: incident.id,
  input: { status: 'identified', body: 'We found the cause and are rolling out a fix.' },
  actor,
});
const t1 = performance.now();
const fanned = await fanOutEvents(deps, Date.now(), () => true);
const t2 = performance.now();
const queued = (
  handle.sqlite.prepare("select count(*) as n from notifications where status = 'pending'").get() as { n: number }
).n;

const d0 = performance.now();
let rounds = 0;
for (;;) {
  const r = await tickNotify({ deps, batch: 500 });
  rounds++;
  if (r.deliveries.length === 0) break;
}
const d1 = performance.now();
clearInterval(sampler);

const delivered = (
  handle.sqlite.prepare("select count(*) as n from notifications where status = 'delivered'").get() as { n: number }
).n;
const seconds = (d1 - d0) / 1000;
console.log(`subscribers: ${EMAILS} email + ${WEBHOOKS} webhook`);
console.log(`write (update + event, one transaction): ${(t1 - t0).toFixed(1)} ms`);
console.log(`fan-out of ${fanned.length} event into ${queued} outbox rows: ${(t2 - t1).toFixed(1)} ms`);
console.log(`time to enqueue (write + fan-out): ${(t2 - t0).toFixed(1)} ms (target < 1000 ms)`);
console.log(
  `delivery: ${delivered} delivered in ${seconds.toFixed(1)} s (${(delivered / seconds).toFixed(0)}/s) over ${rounds} tick(s)`,
);
console.log(`  mails received ${mails}, webhook requests ${webhookRequests} (${seen.size} distinct ids)`);
console.log(`memory: peak RSS ${mb(peakRss)}, heap used now ${mb(process.memoryUsage().heapUsed)}`);

mailer.close();
handle.close();
rmSync(dir, { recursive: true, force: true });
await new Promise<void>((resolve) => smtp.close(() => resolve()));
receiver.closeAllConnections();
await new Promise<void>((resolve) => receiver.close(() => resolve()));
if (t2 - t0 >= 1000) process.exitCode = 1;
