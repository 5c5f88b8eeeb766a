// The corpus: full postmortems, clean and flawed. Each flawed file plants one flaw on purpose and
// its `.expected.json` lists the exact findings (rule, severity, line, column) the linter must give.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPostmortem } from '../../src/core/postmortem/lint';
import { readPostmortem } from '../../src/core/postmortem/model';
import { parseLexicon } from '../../src/core/summary/lexicon';

const DIR = join(import.meta.dirname, 'corpus');
const LEXICON = parseLexicon(JSON.parse(readFileSync(join(DIR, 'lexicon.json'), 'utf8')));
const files = readdirSync(DIR).filter((f) => f.endsWith('.md'));

function findingsOf(file: string) {
  return lintPostmortem(readFileSync(join(DIR, file), 'utf8'), LEXICON).findings.map(
    ({ rule, severity, line, column }) => ({ rule, severity, line, column }),
  );
}

describe('postmortem corpus', () => {
  it('has clean and flawed documents, each flawed one with its expected findings', () => {
    expect(files.filter((f) => f.startsWith('clean-')).length).toBeGreaterThanOrEqual(2);
    const flawed = files.filter((f) => f.startsWith('flawed-'));
    expect(flawed.length).toBeGreaterThanOrEqual(10);
    for (const f of flawed) expect(readdirSync(DIR)).toContain(f.replace(/\.md$/, '.expected.json'));
  });

  for (const file of files.filter((f) => f.startsWith('clean-'))) {
    it(`${file} is clean`, () => {
      expect(findingsOf(file)).toEqual([]);
    });
  }

  for (const file of files.filter((f) => f.startsWith('flawed-'))) {
    const expected = JSON.parse(readFileSync(join(DIR, file.replace(/\.md$/, '.expected.json')), 'utf8')) as {
      flaw: string;
      findings: unknown[];
    };
    it(`${file}: ${expected.flaw}`, () => {
      expect(expected.findings.length).toBeGreaterThan(0);
      expect(findingsOf(file)).toEqual(expected.findings);
    });
  }

  it('points each finding at the planted text', () => {
    const text = readFileSync(join(DIR, 'flawed-five-whys-blame.md'), 'utf8').split('\n');
    const found = lintPostmortem(text.join('\n'), LEXICON).findings;
    const at = (rule: string) => found.filter((f) => f.rule === rule).map((f) => text[f.line - 1]?.slice(f.column - 1));
    expect(at('five-whys/person').map((s) => s?.split(' ')[0])).toEqual(['on-call', 'Tomas']);
    expect(at('five-whys/blame')[0]?.startsWith('blame')).toBe(true);
  });

  it('checks the customer section with the summary gate and its lexicon', () => {
    const source = readFileSync(join(DIR, 'flawed-summary-leaks.md'), 'utf8');
    const withRoster = lintPostmortem(source, LEXICON).findings.map((f) => f.rule);
    expect(withRoster).toContain('summary/employee-name');
    // Without the roster the same name is not known to be an employee: the lexicon is what decides.
    expect(lintPostmortem(source, {}).findings.map((f) => f.rule)).not.toContain('summary/employee-name');
  });

  it('length ranges are configurable per severity, and outside them is a warning only', () => {
    const source = readFileSync(join(DIR, 'flawed-too-short.md'), 'utf8');
    const r = lintPostmortem(source, LEXICON);
    expect(r.ok).toBe(true);
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['length/range', 'warning']]);
    const relaxed = lintPostmortem(source, LEXICON, {
      lengths: { 'SEV-1': { min: 1500, max: 2500 }, 'SEV-2': { min: 300, max: 800 }, 'SEV-3': null },
    });
    expect(relaxed.findings).toEqual([]);
    const strict = lintPostmortem(readFileSync(join(DIR, 'clean-sev1-checkout-payments.md'), 'utf8'), LEXICON, {
      lengths: { 'SEV-1': { min: 100, max: 1000 }, 'SEV-2': null, 'SEV-3': null },
    });
    expect(strict.findings.map((f) => f.rule)).toEqual(['length/range']);
  });
});

describe('postmortem model', () => {
  it('reads the header, timeline marks, root cause and action items', () => {
    const pm = readPostmortem(readFileSync(join(DIR, 'clean-sev1-checkout-payments.md'), 'utf8'));
    expect(pm.severity).toBe('SEV-1');
    expect(pm.incidentId).toBe('inc_checkout_1126');
    expect(new Date(pm.startedAt ?? 0).toISOString()).toBe('2026-11-26T13:58:00.000Z');
    expect(new Date(pm.resolvedAt ?? 0).toISOString()).toBe('2026-11-26T15:20:00.000Z');
    expect(pm.durationMinutes).toBe(82);
    expect(pm.tags).toEqual(['checkout', 'payments-gateway', 'token-store']);
    expect(pm.reviewers).toEqual(['Lena Fischer', 'Marco Silva']);
    const marks = pm.timeline.rows.filter((r) => r.mark).map((r) => [r.mark, new Date(r.at ?? 0).toISOString()]);
    expect(marks).toEqual([
      ['detected', '2026-11-26T14:05:00.000Z'],
      ['acknowledged', '2026-11-26T14:09:00.000Z'],
      ['resolved', '2026-11-26T15:20:00.000Z'],
    ]);
    expect(pm.rootCause?.text).toMatch(/^the deploy pipeline lets a release/);
    expect(pm.actionItems.rows.map((a) => a.kind)).toEqual([
      'Prevent',
      'Prevent',
      'Detect',
      'Detect',
      'Contain',
      'Contain',
    ]);
    expect(pm.customerSummary?.markdown).toContain('### What we are doing to prevent it');
  });

  it('drops the template prompts (HTML comments) without moving any position', () => {
    const text = '# T\n\n- **Author:** <!-- who -->\n- **Tags:** a <!-- note --> b\n';
    const pm = readPostmortem(text);
    expect(pm.author).toBeNull();
    expect(pm.doc.fields.get('tags')?.column).toBe(13);
    expect(pm.tags).toEqual(['a b']);
  });
});
