// The company's own addresses are fine (`allow` domains), and customers' tools are not our tools.
import { describe, expect, it } from 'vitest';
import type { Lexicon } from '../../../src/core/summary/lexicon';
import { lintPublicText } from '../../../src/core/summary/lint';

const rules = (text: string, lexicon: Lexicon) => lintPublicText(text, lexicon).findings.map((f) => [f.rule, f.text]);

describe('allow: a domain covers its subdomains, URLs and role addresses', () => {
  const lexicon: Lexicon = { allow: ['acme.com'], internalDomains: ['corp.acme.com'] };
  it.each([
    'Write to support@acme.com or security@acme.com with questions.',
    'Billing questions go to billing@acme.com; receipts come from noreply@acme.com.',
    'Follow https://status.acme.com/incidents/abc for updates.',
    'The dashboard at https://ops.acme.com/ is back.',
    'Our docs at docs.acme.com explain retries.',
  ])('passes %j', (text) => expect(rules(text, lexicon)).toEqual([]));

  it.each([
    ['Write to first.last@acme.com for details.', 'contact-info', 'first.last@acme.com'],
    ['The host api.corp.acme.com restarted.', 'internal-host', 'api.corp.acme.com'],
    ['See https://wiki.corp.acme.com/x for notes.', 'internal-host', 'https://wiki.corp.acme.com/x'],
    ['Write to support@other.io for help.', 'contact-info', 'support@other.io'],
  ])('still flags %j', (text, rule, excerpt) => expect(rules(text, lexicon)).toContainEqual([rule, excerpt]));

  it('a role address is only fine at an allowed domain', () =>
    expect(rules('Write to support@acme.com.', {})).toContainEqual(['contact-info', 'support@acme.com']));

  it("an allowed product name covers its own catalogue domain (Linear's own status page)", () => {
    expect(rules('Follow https://linear.app/changelog for details.', { allow: ['Linear'] })).toEqual([]);
    expect(rules('Follow https://linear.app/acme/issue/X for details.', {})).toContainEqual([
      'internal-tool',
      'https://linear.app/acme/issue/X',
    ]);
  });
});

describe("customers' tools are not our tools", () => {
  it.each([
    'Connections from GitHub Actions runners timed out.',
    'Alerts to your PagerDuty service were delayed.',
    'Messages from the app for Slack were delayed.',
    "Customers' Datadog integrations stopped receiving events.",
    'The PagerDuty integration delivered events late.',
    "PagerDuty's outage delayed some notifications to customers.",
    'Traffic from Zendesk was throttled.',
    'Customers using Opsgenie saw duplicate alerts.',
  ])('passes %j', (text) => expect(rules(text, {}).filter(([r]) => r === 'internal-tool')).toEqual([]));

  it.each([
    ['We saw the errors in Datadog first.', 'Datadog'],
    ['Our Grafana dashboards showed it.', 'Grafana'],
    ['The on-call engineer was paged through Opsgenie.', 'Opsgenie'],
    ['Our PagerDuty integration paged the team.', 'PagerDuty'],
  ])('still flags first-person use: %j', (text, tool) =>
    expect(rules(text, {})).toContainEqual(['internal-tool', tool]),
  );
});
