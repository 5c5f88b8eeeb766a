// Clean customer summaries in the styles public post-incident reports are written in: different
// heading wordings and levels, prose and list action items, many time and date formats, and the
// innocent look-alikes (linear, slack capacity, render, notion, pilot, #1 priority, ticket, tracked)
// a real summary is full of. Every one must lint with no error finding.

export interface CleanSummary {
  name: string;
  markdown: string;
  /** Warnings this summary is expected to carry (none unless stated, with the reason). */
  warnings?: string[];
}

export const CLEAN_CORPUS: CleanSummary[] = [
  {
    name: 'saas API errors, canonical headings',
    markdown: `# Elevated error rates on the Northwind Pay API

## What happened
On March 12, 2026, between 14:02 and 15:47 UTC, a portion of requests to the Northwind Pay API returned HTTP 500 and 503 errors. At the peak, 18% of card authorisations failed. Root cause: a database configuration change reduced the number of connections each API server could open.

## Who was affected
Merchants in the EU (eu-west-1) and US (us-east-1) regions who processed payments during the window. Payouts, the dashboard and Beacon notifications were not affected.

## What we did
We rolled back the configuration change at 15:31 UTC and restarted the affected API servers. Error rates returned to normal by 15:47 UTC. Payments that failed can be safely retried; none were charged twice.

## What we are doing to prevent it
1. Validate connection-limit changes against production-sized load before they ship, by March 31, 2026.
2. Alert our engineers when connection usage passes 80% of the limit, by April 15, 2026.
`,
  },
  {
    name: 'cloud provider style, question headings, 12-hour times',
    markdown: `## Summary of what happened

On Tuesday, 3 February 2026, from 2:10 PM to 3:05 PM UTC, customers could not create new virtual machines in the Frankfurt region. Existing machines kept running. The issue was caused by a capacity-planning error that left the scheduler without slack capacity when a large batch of requests arrived at once.

## Customer impact and scope

About 7% of create requests in eu-central-1 failed with a "capacity unavailable" message. Other regions and all running workloads were unaffected. No data was lost.

## How we fixed it

We added capacity to the region and drained the backlog of pending requests. The scheduler now retries with a linear backoff instead of failing immediately, which let queued requests finish.

## Preventing this in the future

- Keep at least 20% spare capacity in every region at all times, starting 2026-02-20.
- Add a load test for bursts of create requests by the end of February 2026.
`,
  },
  {
    name: 'payments, bold run-in headings are not headings: proper ATX levels 3',
    markdown: `### What happened?
Between 09:00 and 09:45 (UTC) on 5 January 2026, some card payments were declined with the reason "issuer unavailable" even though the card issuer was online. A certificate used to reach one card network expired, and our automatic renewal did not run.

### Who was impacted
Roughly 4.2% of card payments worldwide, concentrated on cards from one network. Bank transfers, wallets and refunds worked normally.

### Resolution
We installed a renewed certificate at 09:41 UTC and confirmed that approval rates were back to their usual level at 09:45 UTC. Declined payments were not charged.

### Next steps
We are adding monitoring that warns us 30 days before any certificate expires (by 31 January 2026), and we are moving certificate renewal to a system that retries on failure (by the end of Q1 2026).
`,
  },
  {
    name: 'dev tools, ISO timestamps, lesson heading',
    markdown: `# Incident report: delayed builds

## Overview

From 2026-03-12T14:02Z to 2026-03-12T16:30Z, builds queued on shared runners waited up to 40 minutes before starting. Builds on self-hosted runners were not affected. A change to how we render build logs increased memory use on the runner pool, which then scaled more slowly than usual.

## Impact

- Around 31% of builds on shared Linux runners were delayed by more than 10 minutes.
- macOS and Windows runners were not affected.
- No builds were lost and no build output was changed.

## Remediation and recovery

We reverted the log rendering change and added temporary capacity to the runner pool. The queue was empty by 16:30 UTC.

## Lessons learned and next steps

1. Measure memory use of runner changes on a canary pool before a full rollout (by 2026-04-10).
2. Scale the runner pool on queue length as well as CPU (in Q2 2026).
`,
  },
  {
    name: 'status-page prose, all-times-in-UTC note',
    markdown: `All times in this report are in UTC.

## What happened

On 18 April 2026 from 07:15 to 08:02, the Northwind Relay webhook service delivered events late. The average delay was 12 minutes and the longest was 41 minutes. A queue that buffers outgoing webhooks filled up after a downstream dependency slowed down.

## Who was affected

Customers who subscribe to webhooks for payment events. Events were delayed but none were dropped, and every event was delivered in order.

## What we did

Our on-call team increased the number of delivery workers and the queue drained by 08:02. We then confirmed that every delayed event had been delivered.

## What we are doing to prevent it

We will add automatic scaling of delivery workers based on queue depth by May 15, 2026.

We will publish webhook delivery latency on our status page by June 1, 2026.
`,
  },
  {
    name: 'capitalised first names as ordinary words, owner as possessive',
    markdown: `## What happened
On 9 May 2026, between 11:20 UTC and 12:05 UTC, some customers were signed out of the dashboard and could not sign back in. Will this affect saved data? No: sessions were rejected, but no account data was changed. Mark-up in the login page was fine; the failure was in the session service.

## Who was affected
Users who signed in during the window, about 9% of daily active users. If the account owner's account was locked, it was unlocked automatically by 12:30 UTC.

## What we did
We reverted a change to session validation at 11:58 UTC. Grace periods for expiring sessions were extended by 24 hours so nobody was signed out again while we verified the fix.

## What we are doing to prevent it
- Test session changes against real sign-in flows before rollout, by 2026-05-29.
- Roll out session changes to 1% of traffic first, by June 2026.
`,
  },
  {
    name: 'look-alike words: notion, render, pilot, beacon, ticket, #1 priority',
    markdown: `## The incident
On 21 January 2026 from 16:00 to 16:55 UTC, the Beacon mobile app could not render receipts. The app showed a blank screen instead. Our notion that the fix was client-side turned out to be wrong: the receipt service returned an unexpected format.

## Affected users
Customers using Beacon on iOS and Android (about 22% of active app users). Customers who opened a support ticket during the window have received a reply.

## Mitigation
We restored the previous response format at 16:48 UTC. Customers in our Pilot programme, who test new features early, saw the fix first; everyone had it by 16:55 UTC.

## Going forward
Reliability of receipts is our #1 priority this quarter. We will add contract tests between the app and the receipt service by 27 February 2026.
`,
  },
  {
    name: 'tracked, assigned IP ranges, the team',
    markdown: `# Network connectivity issue in Singapore

## Description
On 2 March 2026 from 03:40 to 04:25 UTC, some connections to our Singapore (ap-southeast-1) region timed out. A routing update from one of our network providers withdrew the assigned IP ranges for part of the region.

## Scope of impact
About 15% of API traffic to ap-southeast-1. We tracked the error rate minute by minute throughout; other regions were unaffected.

## Response
The team moved traffic to a second provider at 04:12 UTC and the provider restored the routes at 04:25 UTC.

## Follow-up actions
- Announce our IP ranges through two providers in every region by April 30, 2026.
- Fail over between providers automatically within 2 minutes, by the end of Q2 2026.
`,
  },
  {
    name: 'numbered headings, range with en dash',
    markdown: `## 1. Summary
On 14 February 2026, 10:05–10:48 UTC, search results in the web app were empty or out of date for some customers. An indexing job stopped processing updates after a disk filled up.

## 2. Who was affected
Customers whose workspaces are stored on the affected search cluster, about 11% of workspaces. Search in the mobile apps and the public API was not affected.

## 3. What we did
We freed disk space, restarted indexing and rebuilt the missing updates. Results were fully current again at 10:48 UTC.

## 4. What we are doing to prevent it
1. Alert when search disks pass 75% full (by 28 February 2026).
2. Move indexing to storage that grows automatically (by 31 March 2026).
`,
  },
  {
    name: 'H1 headings, GMT and a semver',
    markdown: `# What happened

Between 19:30 and 20:10 GMT on 7 April 2026, version 4.12.0 of our JavaScript SDK failed to load in some browsers. A build setting removed support for older browsers that we still promise to support. Pages that used the SDK showed a checkout button that did nothing.

# Who was affected

Sites using SDK 4.12.0 with visitors on Safari 14 and older, roughly 2% of checkout sessions.

# What we did

We published 4.12.1, which restores support, at 20:02 GMT and purged CDN caches by 20:10 GMT. Sites that pin 4.12.0 should upgrade.

# What we are doing to prevent it

- Run the SDK test suite on every supported browser before each release, starting with the next release on April 21, 2026.
- Add an automated check of the supported-browser list to our build by May 2026.
`,
  },
  {
    name: 'short summary, mixed 12h times with a.m.',
    markdown: `## What happened
From 6:45 a.m. to 7:20 a.m. UTC on 30 March 2026, email receipts were sent twice to some customers.

## Who was affected
Customers who made a purchase in that window: about 3,400 receipts were duplicated. No one was charged twice.

## What we did
We stopped the duplicate sending job and fixed the retry logic.

## Next steps
- Make receipt sending idempotent by 15 April 2026.
`,
  },
  {
    name: 'table in impact, regions and percentages',
    markdown: `## Incident summary

On 11 June 2026 from 13:00 UTC to 13:38 UTC, file uploads failed for some customers. A storage node ran out of space after a cleanup task stopped running, and uploads routed to it were rejected with HTTP 507.

## Who was affected and how

| Region | Uploads failed |
|---|---|
| us-west-2 | 12.5% |
| eu-west-1 | 0.4% |

Downloads and previews of existing files worked throughout.

## How we resolved it

We removed the full node from service at 13:21 UTC and restarted the cleanup task. Uploads succeeded again from 13:38 UTC.

## What we're doing to prevent it from happening again

We are adding an alert on the cleanup task itself (by 25 June 2026) and we are capping how full a storage node can get before it stops taking new files (by 15 July 2026).
`,
  },
  {
    name: 'root cause in plain language, bullets with dates first',
    markdown: `## What went wrong
On 2026-05-04, between 22:10 UTC and 23:00 UTC, customers could not load their invoices. The root cause was a software update to our invoice service that was not compatible with invoices created before 2024. The update passed our tests because the tests only used recent invoices.

## Who was impacted
Customers viewing invoices older than 2024, about 6% of invoice views. Creating and paying invoices was not affected.

## What we did to fix it
We rolled back the update at 22:52 UTC. All invoices loaded normally again by 23:00 UTC.

## What we are changing
- 2026-05-18: add invoices of every age to our automated tests.
- 2026-06-01: roll out invoice service updates gradually, region by region.
`,
  },
  {
    name: 'GraphQL latency, render and linear as words, version numbers',
    markdown: `## Overview
On 22 May 2026 from 08:30 to 09:15 UTC, GraphQL API requests were slow: the median response time went from 120 ms to 2.4 seconds. A new query planner in release 2026.5.2 chose a slow plan for one common query, and response time grew in a linear way with the size of the account.

## Impact
Large accounts (more than 10,000 projects) saw timeouts; smaller accounts saw slower pages that still loaded. The web app took longer to render project lists.

## What we did
We disabled the new query planner at 09:05 UTC using a configuration switch, and response times returned to normal by 09:15 UTC.

## Prevention
1. Benchmark the query planner against our largest accounts before release, by 2026-06-05.
2. Enable planner changes for 5% of traffic first, within two weeks.
`,
  },
  {
    name: 'datacenter power, PDT clarified as UTC',
    markdown: `## What happened
On 15 July 2026, from 18:12 UTC to 19:40 UTC, services hosted in our Virginia data center were unavailable after a power distribution unit failed and a backup unit did not take over.

## Who was affected
All customers whose primary region is us-east. Customers with multi-region failover enabled were moved to us-west automatically within four minutes.

## What we did
Our data center provider replaced the failed unit. We brought services back in order of dependency: storage first, then databases, then the API. Everything was back at 19:40 UTC.

## What we are doing to prevent it
- Test failover to backup power every month, beginning in August 2026.
- Offer automatic multi-region failover to every plan by the end of 2026.
`,
  },
  {
    name: 'auth provider, between ... and ... UTC with seconds',
    markdown: `## What happened
Single sign-on logins failed between 12:00:30 and 12:31:10 UTC on 8 August 2026. We rotated a signing key, and one of our login servers kept using the old key because of a cached setting.

## Who was affected
Organisations using SAML single sign-on, around 1 in 5 login attempts. Password and social logins worked normally.

## What we did
We cleared the cached setting on every login server and verified that logins succeeded from every region.

## Next steps
We will make key rotation check every server before the old key is retired, by September 30, 2026.
`,
  },
  {
    name: 'CDN, slack capacity, Slack capacity at sentence start',
    markdown: `## What happened
On 1 October 2026 between 17:05 and 17:50 UTC, images and scripts served from our CDN loaded slowly in South America. Slack capacity on the São Paulo edge was used up by an unexpected traffic spike, and requests were sent to Miami instead.

## Who was affected
Visitors in Brazil, Argentina and Chile, who saw page loads 2–3 seconds slower than usual. No requests failed.

## What we did
We added capacity in São Paulo at 17:38 UTC and traffic moved back by 17:50 UTC.

## Going forward
- Keep more slack capacity in regions with fast-growing traffic, by 1 November 2026.
- Alert when an edge location sends traffic elsewhere for more than five minutes, by 15 November 2026.
`,
  },
  {
    name: 'mobile push, month-day dates with ordinals',
    markdown: `## What happened
From 05:00 UTC to 05:52 UTC on November 3rd, 2026, push notifications to Android devices were not delivered. An expired credential for the notification provider stopped our sender.

## Who was affected
Android users of the Beacon app, about 40% of all notification recipients. iOS notifications and in-app messages were delivered.

## What we did
We renewed the credential and resent notifications queued during the window, oldest first.

## What we are doing to prevent it
1. Track the expiry of every provider credential and renew automatically, by November 20th.
2. Add a delivery-rate alert for each platform by December 1st, 2026.
`,
  },
  {
    name: 'database failover, HTTP codes, Postgres and Kubernetes allowed as public infrastructure',
    markdown: `## What happened
On 19 November 2026 from 21:14 to 21:39 UTC, writes to our API returned HTTP 500 errors. A PostgreSQL primary failed over to its replica, and our application servers, running on Kubernetes, kept sending writes to the old primary for 25 minutes.

## Who was affected
Every customer who tried to create or update data during the window. Reads worked normally.

## What we did
We restarted the application servers so they connected to the new primary; writes recovered at 21:39 UTC. We checked that no writes were partially applied.

## What we are doing to prevent it
- Reconnect application servers automatically after a failover, by 10 December 2026.
- Rehearse database failover in production every quarter, starting in January 2027.
`,
  },
  {
    name: 'billing, ampersand heading and the team',
    markdown: `## Impact & scope
Some customers were shown an incorrect price on the upgrade page. About 800 customers saw it; 35 upgraded and were charged the correct, lower price.

## Summary
Between 2:00 pm and 2:40 pm on 12 December 2026, a pricing table used by the upgrade page was briefly replaced by an older copy during a routine deployment. All times are UTC.

## Remediation
The team restored the correct table at 2:38 pm UTC and confirmed the page showed correct prices from 2:40 pm UTC.

## Preventing recurrence
1. Check pricing tables against our billing system before each deployment (by 2027-01-15).
2. Show prices from a single source across every page (by end of Q1 2027).
`,
  },
  {
    name: 'observability-free prose: monitoring, alerts, dashboards without tool names',
    markdown: `## What happened
On 6 January 2027 from 10:10 to 10:58 UTC, scheduled reports were not sent. Our monitoring alerted the on-call engineer at 10:16 UTC, who found that the report scheduler had stopped after a routine restart.

## Who was affected
Customers with scheduled email reports due in that window, about 1,900 reports. Reports were sent late, by 11:20 UTC; none were lost.

## What we did
We restarted the scheduler with a corrected start-up setting and sent every missed report.

## What we are doing to prevent it
- Alert when the scheduler misses a run, by 20 January 2027.
- Add a health check that restarts the scheduler automatically, by February 2027.
`,
  },
  {
    name: 'explicit time-zone words and a bold inline note',
    markdown: `## What happened
**All times are in UTC.** On 3 February 2027 from 13:20 until 14:05, our public API rejected valid API keys for some accounts. A cache that stores key permissions was refreshed with an incomplete copy.

## Who was affected
About 12% of accounts that use API keys. Accounts using OAuth tokens were not affected.

## What we did
We rebuilt the cache from the source of truth at 13:58 and confirmed keys were accepted everywhere by 14:05.

## Next steps
- Verify each cache refresh is complete before it replaces the old copy, by 24 February 2027.
- Serve from the previous copy if a refresh fails, within 30 days.
`,
  },
  {
    name: 'multiple paragraphs, customer-facing product names, colon-led sentences',
    markdown: `## What happened

On 17 March 2027 between 15:45 and 16:30 UTC, Northwind Pay checkout pages loaded slowly and some timed out.

Cause: a new version of the checkout page loaded a large script before showing the payment form.

## Who was affected

Shoppers on mobile networks, especially in India and Indonesia, where about 14% of checkouts timed out. Desktop checkouts were slower but completed.

## What we did

We reverted to the previous version of the checkout page at 16:22 UTC. Load times were back to normal at 16:30 UTC.

## What we are doing to prevent it

- Budget the size of every checkout page release and block releases over budget, by April 2027.
- Test checkout on slow mobile connections before release, by 15 April 2027.
`,
  },
  {
    name: 'go/no-go, quarterly plans, why in prose, causes without blame',
    markdown: `## What happened
On 9 April 2027 from 12:15 to 12:50 UTC, exports from the reporting page failed. The failure was caused by a faulty network switch in one data center, and it was triggered by routine maintenance. Why did recovery take 35 minutes? Moving exports to the second data center needed a manual step, which we are removing.

## Who was affected
Customers on our Starter and Growth plans who exported reports during the window, about 5% of exports.

## What we did
We made a go/no-go decision on failing over at 12:30 UTC, moved exports to the second data center, and replaced the switch.

## What we are doing to prevent it
- Fail exports over automatically, as part of our Q3 plan, by 30 September 2027.
- Add a second network path to every rack, by the end of 2027.
`,
  },
];
