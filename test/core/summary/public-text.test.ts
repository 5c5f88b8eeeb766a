// The live-text gate (lintPublicText): the leak rules alone on a title, an update or a description.
import { describe, expect, it } from 'vitest';
import { lintPublicText } from '../../../src/core/summary/lint';

const lexicon = { employees: ['Priya Natarajan'], codenames: ['Bluebird'] };

describe('lintPublicText', () => {
  it('passes plain customer-facing text, with no section or time rules', () => {
    const result = lintPublicText('We are investigating elevated error rates on the API.', lexicon);
    expect(result).toMatchObject({ ok: true, findings: [] });
  });

  it("refuses names, hosts, tickets and credentials, pointing at the writer's characters", () => {
    const token = `gh${'p_'}${'a1B2c3D4'.repeat(4)}x9Yz`;
    const text = `Priya Natarajan is restarting db-prod-03.acme.internal, see OPS-1234. Token ${token}`;
    const result = lintPublicText(text, lexicon);
    expect(result.ok).toBe(false);
    const rules = result.findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['employee-name', 'internal-host', 'ticket-id', 'secret']));
    const name = result.findings.find((f) => f.rule === 'employee-name');
    expect(name).toMatchObject({ line: 1, column: 1, length: 'Priya Natarajan'.length });
    expect(JSON.stringify(result)).not.toContain(token);
  });
});
