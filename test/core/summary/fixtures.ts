// Shared summary fixtures: used by the Node tests, the workerd tests and the benchmark.
import type { Lexicon } from '../../../src/core/summary/lexicon';

export const LEXICON: Lexicon = {
  employees: ['Jane Doe', 'Will Turner', 'Priya Raman', 'Mark Green', 'Grace Park'],
  codenames: ['Bluebird', 'Project Falcon'],
  tools: ['Pipewright'],
  internalDomains: ['corp.acme.io'],
  ticketPrefixes: ['OPS', 'inc'],
  allow: ['Acme Chat'],
};

export const CLEAN = `# Elevated API errors on 26 November

## What happened
On 26 November 2026, from 14:05 to 15:20 UTC, about 12% of API requests in us-east-1 failed with HTTP 503 errors.
A configuration change reduced the capacity of our database connection pool. May we apologise: this will not happen again.

## Who was affected
Customers on the Business and Enterprise plans whose data is hosted in the US region. Dashboards, webhooks and
the p99 latency of TLS 1.3 connections were not affected. Will Acme Chat messages be delayed? No.

## What we did
We rolled back the change at 15:02 UTC, scaled up the pool and watched error rates return to normal by 15:20 UTC.
We reviewed CVE-2024-1234 and confirmed SHA-256 checksums, UTF-8 encoding and ISO-8601 timestamps were unaffected.

## What we are doing to prevent it
1. Validate connection-pool changes in staging before release, by 15 December 2026.
2. Add an alert on pool saturation, by 31 January 2027.
`;

export const LEAKY = `# Elevated API errors

## What happened
From 14:05 to 15:20 UTC the API failed. Jane pushed a bad config to db-prod-03 (10.0.3.7) and PagerDuty paged us.

## Who was affected
All paying customers in tier 3 of SKU 4421.

## What we did
We rolled back deploy #1287 (OPS-1234) and posted in #inc-api. Password=hunter22 was rotated.

## What we are doing to prevent it
- Canary checks for Bluebird (Owner: @jane)
- Load tests by 1 December 2026
- Better runbooks by Q1 2027
`;
