// lintSummary, rule by rule: table-driven hits and innocent look-alikes, plus the structural rules.
import { describe, expect, it } from 'vitest';
import type { Lexicon } from '../../../src/core/summary/lexicon';
import { lintSummary } from '../../../src/core/summary/lint';
import { maskSecret } from '../../../src/core/summary/redact';
import type { Finding, RuleId, SectionKey } from '../../../src/core/summary/types';
import { CLEAN, LEAKY, LEXICON } from './fixtures';

const TITLES: Record<SectionKey, string> = {
  whatHappened: '## What happened',
  whoWasAffected: '## Who was affected',
  whatWeDid: '## What we did',
  prevention: '## What we are doing to prevent it',
};

/** The clean summary with `sentence` appended to one section's first paragraph. */
function withSentence(sentence: string, section: SectionKey = 'whatWeDid'): string {
  const heading = TITLES[section];
  const at = CLEAN.indexOf(heading) + heading.length + 1;
  const eol = CLEAN.indexOf('\n', at);
  return `${CLEAN.slice(0, eol)} ${sentence}${CLEAN.slice(eol)}`;
}

function rulesFor(sentence: string, lexicon: Lexicon = LEXICON, section: SectionKey = 'whatWeDid') {
  const md = withSentence(sentence, section);
  return lintSummary(md, lexicon).findings.map((f) => ({ rule: f.rule, text: f.text }));
}

describe('the clean fixture', () => {
  it('has no findings at all', () => {
    const r = lintSummary(CLEAN, LEXICON);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

type Case = [sentence: string, excerpt: string];
const HITS: Record<
  Exclude<RuleId, 'sections' | 'word-limit' | 'utc-times' | 'action-items' | 'times-mismatch'>,
  Case[]
> = {
  'employee-name': [
    ['Jane Doe restarted it.', 'Jane Doe'],
    ['Later, Priya restarted it.', 'Priya'],
    ['It was restarted by Raman.', 'Raman'],
    ["It was Jane's call.", "Jane's"],
    ['Ping @jane for details.', '@jane'],
    ['See the notes from jane.doe about it.', 'jane.doe'],
    ['The jdoe account ran it.', 'jdoe'],
    ['The change by Will was reverted.', 'Will'],
    ['Then Mark Green reverted it.', 'Mark Green'],
    ['Reverted by J. Doe later.', 'J. Doe'],
  ],
  codename: [
    ['The Bluebird service was restarted.', 'Bluebird'],
    ['Project Falcon was paused.', 'Project Falcon'],
    ['We paused Falcon too.', 'Falcon'],
    ['the bluebird queue drained.', 'bluebird'],
  ],
  'internal-tool': [
    ['PagerDuty paged the on-call engineer.', 'PagerDuty'],
    ['We discussed it in Slack.', 'Slack'],
    ['Slack alerts fired.', 'Slack'],
    ['The fix was tracked as a Linear issue.', 'Linear'],
    ['Datadog dashboards showed it.', 'Datadog'],
    ['We checked New Relic and Grafana.', 'New Relic'],
    ['The flag was flipped in LaunchDarkly.', 'LaunchDarkly'],
    ['An incident.io workflow started.', 'incident.io'],
    ['We redeployed via Pipewright.', 'Pipewright'],
    ['Errors appeared in Sentry within seconds.', 'Sentry'],
    ['We ran kubectl rollout undo.', 'kubectl'],
    ['The notes are in Confluence.', 'Confluence'],
    ['See https://acme.atlassian.net/wiki/x for more.', 'https://acme.atlassian.net/wiki/x'],
  ],
  'ticket-id': [
    ['It is tracked as OPS-1234.', 'OPS-1234'],
    ['See PLAT-77 for more.', 'PLAT-77'],
    ['This was incident #87.', 'incident #87'],
    ['We reverted deploy #1287.', 'deploy #1287'],
    ['See inc-42.', 'inc-42'],
    ['See acme/api#991.', 'acme/api#991'],
    ['Filed as INC0012345.', 'INC0012345'],
    ['Support opened Case 00123456 for it.', 'Case 00123456'],
    ['It is tracked in ticket 48213.', 'ticket 48213'],
    ['See case: 0042917 for details.', 'case: 0042917'],
    ['We reverted commit 3f2a9c1 at once.', 'commit 3f2a9c1'],
    ['The fix is in sha 9fceb02d0ae598e95dc970b74767f19372d61af8.', 'sha 9fceb02d0ae598e95dc970b74767f19372d61af8'],
  ],
  'chat-channel': [
    ['Updates went to #inc-api-errors.', '#inc-api-errors'],
    ['We posted in #general.', '#general'],
    ['@here please look.', '@here'],
    ['Ask @sre-team for details.', '@sre-team'],
  ],
  'contact-info': [
    ['Write to ops-lead@acme.io with questions.', 'ops-lead@acme.io'],
    ['Call +1 415 555 0100 for help.', '+1 415 555 0100'],
    ['Call (415) 555-0100 for help.', '(415) 555-0100'],
    ['Phone 020 7946 0958 for help.', '020 7946 0958'],
  ],
  'internal-host': [
    ['The primary at 10.0.3.7 failed.', '10.0.3.7'],
    ['The node 192.168.1.20:5432 failed.', '192.168.1.20:5432'],
    ['It ran on db-prod-03.', 'db-prod-03'],
    ['It ran on ip-10-0-1-23.', 'ip-10-0-1-23'],
    ['The pod api-gateway-7d9f8c6b5-x2k4q crashed.', 'api-gateway-7d9f8c6b5-x2k4q'],
    ['Then worker-5c8d7b9f4d-qz7mn restarted.', 'worker-5c8d7b9f4d-qz7mn'],
    ['See grafana.acme.internal for graphs.', 'grafana.acme.internal'],
    ['The host api.corp.acme.io restarted.', 'api.corp.acme.io'],
    ['Open http://localhost:8080/debug.', 'http://localhost:8080/debug'],
    ['The db1.prod.acme.com host restarted.', 'db1.prod.acme.com'],
    // A protocol-relative address: the browser opens it on the page's own scheme.
    ['Graphs at //grafana.corp.acme.io/d/1 moved.', 'grafana.corp.acme.io'],
  ],
  secret: [
    [`The key ${'AKIA'}${'IOSFODNN7'}EXAMPLE leaked.`, `${'AKIA'}${'IOSFODNN7'}EXAMPLE`],
    [`Token ${'ghp_'}${'a'.repeat(36)} was rotated.`, `${'ghp_'}${'a'.repeat(36)}`],
    [`Using ${'xoxb-'}123456789012-abcdefghij now.`, `${'xoxb-'}123456789012-abcdefghij`],
    ['It had password=hunter22 set.', 'password=hunter22'],
    [`The ${'sk_live_'}${'4eC39HqLyjWDarjtT1zdp7dc'} key.`, `${'sk_live_'}${'4eC39HqLyjWDarjtT1zdp7dc'}`],
    ['-----BEGIN RSA PRIVATE KEY----- was pasted.', '-----BEGIN RSA PRIVATE KEY-----'],
    ['Via postgres://app:s3cret@db.acme.com/main then.', 'postgres://app:s3cret@db.acme.com'],
    // Environment names with the key word glued on or after a prefix, and command lines.
    ['It had DB_PASS=hunter2goes set.', 'DB_PASS=hunter2goes'],
    ['It had PGPASSWORD=Tr0ub4dor3 set.', 'PGPASSWORD=Tr0ub4dor3'],
    ['We ran curl -u admin:Tr0ub4dor3 against it.', '-u admin:Tr0ub4dor3'],
    ['We ran curl --user admin:Tr0ub4dor3 against it.', '--user admin:Tr0ub4dor3'],
    ['We ran psql --password Tr0ub4dor3 against it.', '--password Tr0ub4dor3'],
    ['We ran mysql -u root -pTr0ub4dor3 app against it.', 'mysql -u root -pTr0ub4dor3'],
    ['We ran mysql -pTr0ub4dor3 app against it.', 'mysql -pTr0ub4dor3'],
    ['We ran mariadb-dump -pTr0ub4dor3 app.', 'mariadb-dump -pTr0ub4dor3'],
    // A key split by a space: the page shows both halves side by side.
    [`The key ${'AKIA'}IOSFO DNN7EXAMPLE leaked.`, `${'AKIA'}IOSFO DNN7EXAMPLE`],
  ],
  jargon: [
    ['Customers in tier 3 of SKU 4421 saw it.', 'tier 3'],
    ['Only SKU-4421 was hit.', 'SKU-4421'],
    ['Accounts on ENT-2 saw it.', 'ENT-2'],
    ['Only cohort 7 saw it.', 'cohort 7'],
  ],
  'five-whys': [['Our five whys showed a missing check.', 'five whys']],
  owner: [
    ['(Owner: platform team)', 'Owner:'],
    ['It is assigned to the platform team.', 'assigned to'],
    ['Assignee: platform team.', 'Assignee:'],
    ['Tracked: in the tracker.', 'Tracked:'],
  ],
  blame: [
    ['It was human error.', 'human error'],
    ['An engineer ran the wrong script.', 'An engineer ran'],
    ['A junior engineer accidentally deleted the table.', 'A junior engineer accidentally deleted'],
  ],
  'invisible-character': [
    ['It was fine\u200b today.', '\u200b'],
    ['The text \u202eright-to-left\u202c ends.', '\u202e'],
  ],
  'mixed-script': [['The db-01.prod.\u0456nternal host.', '\u0456nternal']],
  'possible-name': [],
};

describe('possible-name, without a roster', () => {
  it.each([
    ['Priya Natarajan pushed a bad config.', 'Priya Natarajan'],
    ['Then Tom restarted the database.', 'Tom'],
  ])('warns on %j', (sentence, excerpt) => {
    const r = lintSummary(withSentence(sentence), { codenames: ['Bluebird'] });
    expect(r.findings).toContainEqual(
      expect.objectContaining({ rule: 'possible-name', severity: 'warning', text: excerpt }),
    );
    expect(r.ok).toBe(true);
  });
  it.each([
    'Engineering restarted the database.',
    'Tom Ford stores were unaffected.',
    'Will restarted checks pass? Yes.',
    'Priya Natarajan is a name we do not mention.',
  ])('leaves %j alone', (sentence) => {
    const r = lintSummary(withSentence(sentence), { codenames: ['Bluebird'] });
    expect(r.findings.filter((f) => f.rule === 'possible-name')).toEqual([]);
  });
  it('is silent when the lexicon has a roster (employee-name takes over)', () => {
    const r = lintSummary(withSentence('Then Tom restarted the database.'), LEXICON);
    expect(r.findings.filter((f) => f.rule === 'possible-name')).toEqual([]);
  });
});

/** The excerpt a finding spans in `md`: its line, column and length (a line break counting as one). */
function spanOf(md: string, f: { line: number; column: number; length: number }): string {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.slice(0, f.line - 1).reduce((n, l) => n + l.length + 1, 0) + f.column - 1;
  return lines.join('\n').slice(start, start + f.length);
}

describe.each(Object.entries(HITS).filter(([, cases]) => cases.length > 0))('rule %s', (rule, cases) => {
  it.each(cases)('flags %j', (sentence, excerpt) => {
    if (rule !== 'secret') {
      expect(rulesFor(sentence)).toContainEqual({ rule, text: excerpt });
      return;
    }
    // A credential is never repeated: the finding shows it masked and spans it exactly.
    const md = withSentence(sentence);
    const r = lintSummary(md, LEXICON);
    const found = r.findings.find((f) => f.rule === 'secret');
    expect(found).toBeDefined();
    expect(found?.text).toBe(maskSecret(excerpt));
    expect(spanOf(md, found as Finding)).toBe(excerpt);
    expect(JSON.stringify(r)).not.toContain(excerpt);
  });
});

const LOOK_ALIKES: string[] = [
  'We will commit 2 engineers to the review.',
  'Revision 1234567 of the terms is unchanged.',
  'The state-of-the-art check-in flow was slow.',
  'A well-known third-party provider failed.',
  'In case 2 of the 3 regions failed, traffic moved.',
  'Each request 100 ms slower than usual.',
  'The issue 2026 planning was unaffected.',
  'About 12,500 requests failed; in one case 12,500.5 ms was the worst.',
  'We use a linear backoff for retries.',
  'There was slack capacity in the cluster.',
  'Slack capacity in the cluster was exhausted.',
  'The render step of the page was slow.',
  'We will take notion of it.',
  'The sentry process on each host was fine.',
  'We will mark the green checks again in May.',
  'Will this happen again? We grace ourselves with hope.',
  'Errors peaked at HTTP 503 and 99.95% of p99 requests in us-east-1 were fine.',
  'We checked CVE-2024-1234, GHSA, SHA-256, UTF-8, ISO-8601, TLS 1.3 and RFC-9457 behaviour.',
  'The change shipped in version 10.2.3.4 of the SDK on 2026-11-26.',
  'Requests from 8.8.8.8 and 1.1.1.1 resolved.',
  'We wrote it in C# and F# and colour #ff0000 was fine.',
  'The outage lasted 1 000 000 requests, from 14:05 to 15:20 UTC.',
  'Our status page at https://status.acme.com shows the history.',
  'Read the guide at https://docs.acme.com/errors#retry for details.',
  'We are the #1 priority; section 4.2 of our terms applies.',
  'Passwords: reset for no users; tokens: none exposed.',
  'Teams using the API saw errors; a token bucket limited bursts.',
  'Our engineers rolled back the change and the team reviewed it.',
  'The Linear Regression Model Service was unaffected.',
  'In March, Grace Hopper Day, nothing happened.',
  'A COVID-19 era feature, x86-64 builds and GPT-4 integrations were fine.',
  'Pre-production checks passed.',
  'Our on-call team was paged within two minutes.',
  // Credential-ish words that are not credentials.
  'Compass: 2024-01 release notes; the bypass: 12345 requests; pass: 3 of 5 checks.',
  'We ran curl -u admin:$PASSWORD and psql --password $DB_PASS, and mysql -u root -p app asked for it.',
  'The client ran curl --key client.pem --cert client.crt against the endpoint.',
  'A risk-based review, key-value stores, Bearer tokens and AKIA key ids are in the runbook.',
  'The ghp_ and github_pat_ prefixes are GitHub token prefixes.',
];

describe('innocent look-alikes', () => {
  it.each(LOOK_ALIKES)('does not flag %j', (sentence) => {
    expect(rulesFor(sentence)).toEqual([]);
  });

  it('an allowed term is never flagged (a chat company names its own product)', () => {
    expect(rulesFor('Slack messages were delayed for all Slack workspaces.', { allow: ['Slack'] })).toEqual([]);
    expect(rulesFor('Slack messages were delayed.', {}).map((f) => f.rule)).toContain('internal-tool');
  });
});

describe('structure', () => {
  it('names each missing or empty section', () => {
    const r = lintSummary(
      '## What happened\nFrom 14:05 to 15:20 UTC it broke.\n\n## Impact\n\n## Fix\nRolled back.\n',
      {},
    );
    const sections = r.findings.filter((f) => f.rule === 'sections');
    expect(sections.map((f) => f.section)).toEqual(['prevention', 'whoWasAffected']);
    expect(sections.find((f) => f.section === 'whoWasAffected')).toMatchObject({
      line: 4,
      column: 1,
      text: '## Impact',
    });
  });

  it.each([
    ['What Happened?', 'whatHappened'],
    ['### summary:', 'whatHappened'],
    ['IMPACT', 'whoWasAffected'],
    ['Resolution', 'whatWeDid'],
    ['Next steps', 'prevention'],
    ["What we're doing to prevent it from happening again", 'prevention'],
  ])('accepts the heading %j', (heading, key) => {
    const md = CLEAN.replace(
      `## ${{ whatHappened: 'What happened', whoWasAffected: 'Who was affected', whatWeDid: 'What we did', prevention: 'What we are doing to prevent it' }[key as SectionKey]}`,
      heading.startsWith('#') ? heading : `## ${heading}`,
    );
    expect(lintSummary(md, LEXICON).findings.filter((f) => f.rule === 'sections')).toEqual([]);
  });

  it('counts 400 words as passing and 401 as failing, markdown syntax and headings excluded', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => (i % 10 === 0 ? '**word**' : 'word')).join(' ');
    const doc = (n: number) =>
      `# Title words here\n## What happened\nFrom 14:05 to 15:20 UTC. ${body(n - 14)}\n## Who was affected\nall\n## What we did\nrolled back\n## Next steps\n- One thing by 1 December 2026\n`;
    const at400 = lintSummary(doc(400), {});
    const at401 = lintSummary(doc(401), {});
    expect(at400.words).toBe(400);
    expect(at400.findings.filter((f) => f.rule === 'word-limit')).toEqual([]);
    expect(at401.words).toBe(401);
    const limit = at401.findings.find((f) => f.rule === 'word-limit');
    expect(limit).toMatchObject({ section: 'prevention', line: 9, text: '2026' });
  });

  it('sections given as JSON fields are linted as the markdown assembled from them', () => {
    const r = lintSummary(
      {
        whatHappened: 'From 14:05 to 15:20 UTC the API failed; Jane Doe rolled back.',
        whoWasAffected: 'About 12% of requests.',
        whatWeDid: 'We rolled back.',
        prevention: '- Add a canary by 1 December 2026',
      },
      LEXICON,
    );
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'employee-name', section: 'whatHappened', line: 3, text: 'Jane Doe' }),
    ]);
  });
});

describe('utc-times', () => {
  const happened = (s: string) => CLEAN.replace(/On 26 November 2026, from 14:05 to 15:20 UTC, about/, s);
  it.each([
    'Between 2:05 pm and 3:20 pm UTC about',
    'From 2026-11-26T14:05Z to 2026-11-26T15:20:00Z about',
    'From 14:05–15:20 UTC about',
    'Starting 14:05 UTC and ending 15:20 UTC, about',
    'From 14:05 to 15:20 (all times in UTC), about',
  ])('accepts %j', (s) => {
    expect(lintSummary(happened(s), LEXICON).findings.filter((f) => f.rule === 'utc-times')).toEqual([]);
  });
  it.each([
    ['From 14:05 to 15:20 about', '14:05'],
    ['From 9:05 PST to 10:20 PST about', '9:05'],
    ['At 14:05 UTC about', ''],
    ['Yesterday about', ''],
  ])('flags %j', (s, first) => {
    const f = lintSummary(happened(s), LEXICON).findings.filter((x) => x.rule === 'utc-times');
    expect(f.length).toBeGreaterThan(0);
    if (first) expect(f[0]?.text).toBe(first);
  });
  it('reads "all times are PDT" as a zone other than UTC for every bare time (not "no time zone")', () => {
    const f = lintSummary(happened('All times are PDT. From 07:05 to 08:20 about'), LEXICON).findings.filter(
      (x) => x.rule === 'utc-times',
    );
    expect(f.map((x) => [x.text, x.message])).toEqual([
      ['07:05', '"07:05" is in PDT (as the summary says), not UTC.'],
      ['08:20', '"08:20" is in PDT (as the summary says), not UTC.'],
    ]);
  });
  it('caps its findings like every rule: ten thousand bare times are one fix, not ten thousand', () => {
    const f = lintSummary(`## What happened\n${'12:05-'.repeat(10_000)}`, LEXICON).findings;
    expect(f.filter((x) => x.rule === 'utc-times').length).toBeLessThanOrEqual(100);
  });
});

describe('times-mismatch', () => {
  const incident = (start: string, end: string | null) => ({
    incident: { startedAt: Date.parse(start), resolvedAt: end ? Date.parse(end) : null },
  });
  it('is quiet within 5 minutes', () => {
    const r = lintSummary(CLEAN, LEXICON, incident('2026-11-26T14:00:00Z', '2026-11-26T15:25:00Z'));
    expect(r.findings).toEqual([]);
  });
  it('warns when the stated start or end is more than 5 minutes off', () => {
    const r = lintSummary(CLEAN, LEXICON, incident('2026-11-26T13:50:00Z', '2026-11-26T16:00:00Z'));
    const w = r.findings.filter((f) => f.rule === 'times-mismatch');
    expect(w.map((f) => [f.severity, f.text])).toEqual([
      ['warning', '14:05'],
      ['warning', '15:20'],
    ]);
    expect(r.ok).toBe(true);
  });
});

describe('action-items', () => {
  const prevention = (items: string) => CLEAN.replace(/1\. Validate[\s\S]*$/, items);
  it('flags a third item and an item without a date', () => {
    const r = lintSummary(
      prevention('- Add canaries by 1 December 2026\n- Add load tests\n- Rewrite runbooks by Q1 2027\n'),
      LEXICON,
    );
    expect(r.findings.filter((f) => f.rule === 'action-items').map((f) => f.text)).toEqual([
      'Add load tests',
      'Rewrite runbooks by Q1 2027',
    ]);
  });
  it.each([
    'by 2027-01-15',
    'by January',
    'in Q1 2027',
    'before the end of the month',
    'within two weeks',
    'by 15/01/2027',
  ])('accepts a date written %j', (d) => {
    const r = lintSummary(prevention(`- Add canaries ${d}\n`), LEXICON);
    expect(r.findings).toEqual([]);
  });
});

describe('the leaky fixture', () => {
  it('reports every planted leak with its position', () => {
    const r = lintSummary(LEAKY, LEXICON);
    expect(r.ok).toBe(false);
    const rules = new Set(r.findings.map((f) => f.rule));
    for (const rule of [
      'employee-name',
      'internal-host',
      'internal-tool',
      'jargon',
      'ticket-id',
      'chat-channel',
      'secret',
      'codename',
      'owner',
      'action-items',
    ] as const) {
      expect(rules).toContain(rule);
    }
    const lines = LEAKY.split('\n');
    for (const f of r.findings) {
      const span = lines[f.line - 1]?.slice(f.column - 1, f.column - 1 + f.length);
      if (f.rule === 'secret') expect([span, f.text]).toEqual(['Password=hunter22', 'Pass… (17 characters)']);
      else if (f.text) expect(span).toBe(f.text);
    }
  });
  it('counts CRLF line breaks as one', () => {
    const r = lintSummary(LEAKY.replace(/\n/g, '\r\n'), LEXICON);
    expect(r.findings.map((f) => [f.line, f.column])).toEqual(
      lintSummary(LEAKY, LEXICON).findings.map((f) => [f.line, f.column]),
    );
  });
});

// A name is read as the page shows it, however either side spells its letters: accents added or
// dropped, and names in Cyrillic (the text is read through the look-alike skeleton, so the roster is too).
describe('names however they are spelled', () => {
  const lexicon: Lexicon = {
    employees: ['José García', 'Анна Петрова', 'Bjørn Ødegård'],
    codenames: ['Bluebird', 'Café Noir'],
    allow: ['Crème Chat'],
  };
  it.each([
    ['José García restarted the database.', 'employee-name', 'José García'],
    ['Jose Garcia restarted the database.', 'employee-name', 'Jose Garcia'],
    ['Анна Петрова restarted the database.', 'employee-name', 'Анна Петрова'],
    ['Bjørn Ødegård restarted the database.', 'employee-name', 'Bjørn Ødegård'],
    ['The Bluebírd service restarted.', 'codename', 'Bluebírd'],
    ['The Cafe Noir service restarted.', 'codename', 'Cafe Noir'],
  ])('flags %j', (sentence, rule, excerpt) => {
    expect(rulesFor(sentence, lexicon)).toContainEqual({ rule, text: excerpt });
  });
  it('an allowed term with accents is allowed however it is spelled', () => {
    expect(rulesFor('Crème Chat and Creme Chat messages were delayed.', lexicon)).toEqual([]);
  });
});
