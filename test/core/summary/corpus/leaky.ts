// Leaky customer summaries: each an otherwise plausible summary with 1-4 planted leaks of the kinds
// people actually paste (names and handles, codenames, internal tools, ticket ids, channels,
// contacts, hosts, credentials, jargon, five-whys, owners, long or undated action lists, blame).
// Credentials are assembled at run time so no real-looking key sits in the repository.
import type { RuleId } from '../../../../src/core/summary/types';

export interface LeakySummary {
  name: string;
  markdown: string;
  /** Every rule with an error finding; no other rule may report an error. */
  errors: RuleId[];
  /** Warnings that must also be reported. */
  warnings?: RuleId[];
}

const AWS = `${'AKIA'}${'ZQ3DN7'}${'EXAMPLE2KQ'}`;
const GITHUB = `${'ghp_'}${'R7kq2Lx9'}${'Tm4Vn8Wp1Zs6'}${'Yb3Cd5Fg0Hj2Kl4'}`;
const STRIPE = `${'sk_live_'}${'51Hx9'}${'Qa2Lm8Np4Rt6Vw'}`;
const SLACK_TOKEN = `${'xoxb-'}${'2048'}${'1234567-'}${'a1B2c3D4e5'}`;
const GOOGLE = `${'AIza'}${'SyB7x-'}${'Qm3N8pR2tV6wY9zA1cE4gH7jK0'}`;

const HAPPENED = (body: string) => `## What happened
On 12 March 2026 from 14:02 to 15:47 UTC, some API requests failed with HTTP 503 errors. ${body}
`;
const AFFECTED = (body = 'About 8% of API requests in us-east-1 failed. Other regions were unaffected.') => `
## Who was affected
${body}
`;
const DID = (body = 'We rolled back the change and error rates returned to normal by 15:47 UTC.') => `
## What we did
${body}
`;
const PREVENT = (
  body = '- Validate configuration changes before release, by 31 March 2026.\n- Alert on connection saturation, by 15 April 2026.',
) => `
## What we are doing to prevent it
${body}
`;

export const LEAKY_CORPUS: LeakySummary[] = [
  {
    name: 'full name and on-call handle',
    markdown:
      HAPPENED('Dana Whitfield was paged and found the database connection pool exhausted.') +
      AFFECTED() +
      DID('@tomasz rolled back the change at 15:31 UTC.') +
      PREVENT(),
    // A roster member's @handle is reported as the name (the more specific finding).
    errors: ['employee-name'],
  },
  {
    name: 'first.last and flast handles, a last name',
    markdown:
      HAPPENED('The change was merged from a branch by mei.chen and approved by cmendes.') +
      AFFECTED() +
      DID('Rossi reverted it at 15:31 UTC.') +
      PREVENT(),
    errors: ['employee-name'],
  },
  {
    name: 'ambiguous first names used as names mid-sentence',
    markdown:
      HAPPENED('After the page, Grace and Will joined the call and Hunter confirmed the fix.') +
      AFFECTED() +
      DID() +
      PREVENT(),
    errors: ['employee-name'],
  },
  {
    name: 'codenames, with and without Project',
    markdown:
      HAPPENED('The failing requests were all served by Kestrel, the new routing layer built under Project Halcyon.') +
      AFFECTED() +
      DID('We moved traffic off Tidewater and onto the previous path.') +
      PREVENT(),
    errors: ['codename'],
  },
  {
    name: 'catalogue tools including English-word names used as the tool',
    markdown:
      HAPPENED('PagerDuty paged the on-call engineer and Datadog dashboards showed the spike.') +
      AFFECTED() +
      DID('We coordinated in Slack and filed the follow-ups in Linear.') +
      PREVENT(),
    errors: ['internal-tool'],
  },
  {
    name: 'lexicon tools that are English words',
    markdown:
      HAPPENED('Pulse alerts fired and the deploy was stopped in Shipyard.') +
      AFFECTED() +
      DID('We rolled back via Switchboard at 15:31 UTC.') +
      PREVENT(),
    errors: ['internal-tool'],
  },
  {
    name: 'ticket ids in many styles',
    markdown:
      HAPPENED('The change shipped in deploy #4412 as part of NW-2291.') +
      AFFECTED() +
      DID('We reverted PR #1923 and closed pay-88. See INC0034567 for the change record.') +
      PREVENT(),
    errors: ['ticket-id'],
  },
  {
    name: 'Jira-style key with a generic prefix and incident number',
    markdown:
      HAPPENED('This was incident #212 and is tracked internally as CORE-7781.') + AFFECTED() + DID() + PREVENT(),
    errors: ['ticket-id'],
  },
  {
    name: 'chat channels and broadcast mentions',
    markdown:
      HAPPENED('Updates were posted to #inc-2026-03-12-api and @here was used to gather responders.') +
      AFFECTED() +
      DID('The @payments-oncall group approved the rollback.') +
      PREVENT(),
    errors: ['chat-channel'],
  },
  {
    name: 'email and phone number',
    markdown:
      HAPPENED('The alert went to dana.whitfield@northwind.io first.') +
      AFFECTED() +
      DID('Customers who need help can call our incident line on +44 20 7946 0958.') +
      PREVENT(),
    errors: ['contact-info'],
  },
  {
    name: 'private IPs, machine names, internal domain URL',
    markdown:
      HAPPENED('The primary database at 10.24.3.17 stopped accepting connections, and pg-prod-04 became read-only.') +
      AFFECTED() +
      DID(
        'We followed https://runbooks.corp.northwind.io/db/failover and promoted the replica at kafka-1.nw-internal.net.',
      ) +
      PREVENT(),
    errors: ['internal-host'],
  },
  {
    name: 'AWS key and GitHub token pasted in',
    markdown:
      HAPPENED(`A deploy script logged the key ${AWS} in the build output.`) +
      AFFECTED() +
      DID(`We revoked ${GITHUB} and rotated every credential the script could read.`) +
      PREVENT(),
    errors: ['secret'],
  },
  {
    name: 'Stripe, Slack and Google keys; password assignment',
    markdown:
      HAPPENED(`The payment worker used ${STRIPE} after a bad config, with DB_PASSWORD=Xk9!trq2 in the environment.`) +
      AFFECTED() +
      DID(`We rotated ${SLACK_TOKEN} and ${GOOGLE}.`) +
      PREVENT(),
    errors: ['secret'],
  },
  {
    name: 'SKU and tier jargon',
    markdown:
      HAPPENED('The rate limiter misread the plan of some accounts.') +
      AFFECTED('All paying customers in tier 3 of SKU 4421, plus accounts on ENT-2 in shard 14.') +
      DID() +
      PREVENT(),
    errors: ['jargon'],
  },
  {
    name: 'five whys as an inline why/because chain',
    markdown:
      HAPPENED(
        'Why did requests fail? Because the connection pool was exhausted. Why? Because a configuration change halved its size. Why was that not caught? Because the check was skipped.',
      ) +
      AFFECTED() +
      DID() +
      PREVENT(),
    errors: ['five-whys'],
  },
  {
    name: 'five whys as a numbered list in the what-we-did section',
    markdown: `${HAPPENED('A configuration change reduced the connection pool.')}${AFFECTED()}
## What we did
We rolled back the change at 15:31 UTC. Our analysis:

1. Why did the API fail? The pool was exhausted.
2. Why was the pool exhausted? Its size was halved.
3. Why was it halved? A template default changed.
${PREVENT()}`,
    errors: ['five-whys'],
  },
  {
    name: 'Why #1 / Why #2 lines under a root cause analysis heading',
    markdown: `${HAPPENED('A configuration change reduced the connection pool.')}${AFFECTED()}${DID()}
### Root cause analysis
Why #1: the pool was exhausted.
Why #2: the pool size was halved by a template default.
${PREVENT()}`,
    errors: ['five-whys'],
  },
  {
    name: '5 Whys named outright',
    markdown: HAPPENED('Our 5 Whys review traced it to a skipped validation step.') + AFFECTED() + DID() + PREVENT(),
    errors: ['five-whys'],
  },
  {
    name: 'too many action items, one without a date, owners',
    markdown:
      HAPPENED('A configuration change reduced the connection pool.') +
      AFFECTED() +
      DID() +
      PREVENT(
        '- Validate configuration changes before release, by 31 March 2026 (Owner: Platform team)\n- Add connection saturation alerts\n- Review the deploy checklist by April 2026\n- Assignee: SRE — rewrite the runbook by May 2026',
      ),
    errors: ['action-items', 'owner'],
  },
  {
    name: 'owner mention in parentheses and assigned to',
    markdown:
      HAPPENED('A configuration change reduced the connection pool.') +
      AFFECTED() +
      DID() +
      PREVENT(
        '1. Add a pre-release load test by 31 March 2026 (owner: @aisha).\n2. Alert on pool saturation, assigned to the platform team, by 15 April 2026.',
      ),
    errors: ['owner', 'employee-name'],
  },
  {
    name: 'blame and a named engineer',
    markdown:
      HAPPENED('An engineer ran a migration against the wrong database. It was human error.') +
      AFFECTED() +
      DID('Ravi restored the table from a backup at 15:40 UTC.') +
      PREVENT(),
    errors: ['employee-name'],
    warnings: ['blame'],
  },
  {
    name: 'everything in a long internal-style report',
    markdown: `# Postmortem: checkout outage

## Summary
On 12 March 2026 from 14:02 to 15:47 UTC checkout failed for 18% of shoppers. Kestrel rejected card tokens after deploy #4412.

## Impact
Customers on plan P2 in the EU.

## Resolution
Mark Green rolled back via Shipyard and confirmed in Grafana.

## Action items
- Add token validation tests by 20 March 2026
- Canary Kestrel releases
`,
    errors: ['codename', 'ticket-id', 'jargon', 'employee-name', 'internal-tool', 'action-items'],
  },
  {
    name: 'undated prose action items',
    markdown:
      HAPPENED('A configuration change reduced the connection pool.') +
      AFFECTED() +
      DID() +
      PREVENT(
        'We will improve our validation of configuration changes.\n\nWe will add more alerting as soon as possible.',
      ),
    errors: ['action-items'],
  },
  {
    name: 'environment-variable credentials and a short link',
    markdown:
      HAPPENED(
        `The deploy log printed ${'AWS_SECRET_ACCESS_KEY'}=${'wJalrXUtnFEMI/K7MDENG'}/${'bPxRfiCYEXAMPLEKEY'} and DB_PASSWORD=${'Xk9'}!trq2.`,
      ) +
      AFFECTED() +
      DID('We followed go/db-failover and rotated both credentials.') +
      PREVENT(),
    errors: ['secret', 'internal-host'],
  },
  {
    name: 'ordinal whys in prose and a plan code before the word plan',
    markdown:
      HAPPENED(
        'First why: the pool was exhausted. Second why: its size was halved. Third why: a template default changed.',
      ) +
      AFFECTED('Accounts on the legacy P3 plan in eu-west-1.') +
      DID() +
      PREVENT(),
    errors: ['five-whys', 'jargon'],
  },
  {
    name: 'tools named with their context words at a sentence start',
    markdown:
      HAPPENED('Honeycomb traces showed the slow query. Notion pages held the runbook.') +
      AFFECTED() +
      DID() +
      PREVENT(),
    errors: ['internal-tool'],
    warnings: [],
  },
];
