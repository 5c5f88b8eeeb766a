// Every disguised leak is caught at the writer's characters, its credential masked and redacted
// before storage; every innocent look-alike passes.
import { describe, expect, it } from 'vitest';
import { lintPublicText, lintSummary } from '../../../src/core/summary/lint';
import { REDACTED_SECRET, redactSecrets } from '../../../src/core/summary/redact';
import { DISGUISE_LEXICON, DISGUISES, INNOCENT_LOOK_ALIKES } from '../../fixtures/disguises';
import { CLEAN } from './fixtures';

/** The clean summary with `sentence` added to "What we did". */
function inSummary(sentence: string): string {
  const at = CLEAN.indexOf('## What we did\n') + '## What we did\n'.length;
  return `${CLEAN.slice(0, at)}${sentence}\n${CLEAN.slice(at)}`;
}

function sourceOf(text: string, f: { line: number; column: number; length: number }): string {
  const lines = text.split('\n');
  const start = lines.slice(0, f.line - 1).reduce((n, l) => n + l.length + 1, 0) + f.column - 1;
  return text.slice(start, start + f.length);
}

describe.each(DISGUISES.map((d) => [d.name, d] as const))('disguise: %s', (_name, d) => {
  it('is caught in live text, pointing at what the writer typed', () => {
    const r = lintPublicText(d.text, DISGUISE_LEXICON);
    const hit = r.findings.find((f) => f.rule === d.rule);
    expect(hit, JSON.stringify(r.findings)).toBeDefined();
    expect(r.ok).toBe(false);
    if (hit && d.rule !== 'secret') expect(sourceOf(d.text, hit)).toBe(hit.text);
  });

  it('is caught in a summary', () => {
    const r = lintSummary(inSummary(d.text), DISGUISE_LEXICON);
    expect(r.findings.map((f) => f.rule)).toContain(d.rule);
  });

  if (d.credential) {
    const credential = d.credential;
    it('never echoes the credential, and redaction leaves none of it in what is stored', () => {
      const r = lintPublicText(d.text, DISGUISE_LEXICON);
      expect(JSON.stringify(r)).not.toContain(credential);
      const stored = redactSecrets(d.text, r.findings);
      expect(stored).toContain(REDACTED_SECRET);
      expect(lintPublicText(stored, DISGUISE_LEXICON).findings.filter((f) => f.rule === 'secret')).toHaveLength(1);
      // Nothing of the key survives, in any spelling: decode what the page would show and look.
      const shown = stored
        .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
        .replace(/[\u200b-\u200d\\]/g, '');
      expect(shown).not.toContain(credential.slice(4, 16));
    });
  }
});

describe.each(INNOCENT_LOOK_ALIKES.map((d) => [d.name, d] as const))('innocent look-alike: %s', (_name, d) => {
  it('passes', () => {
    const r = lintPublicText(d.text, DISGUISE_LEXICON);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('control characters a summary may hold', () => {
  // The summary API refuses binary data but lets a form feed or vertical tab through (the live-text
  // fields refuse both): inside a key they hide it from the rules unless the view drops them.
  const key = `${'AKIA'}${'IOSFODNN7'}EXAMPLE`;
  it.each(['\u000C', '\u000B'])('%j inside a key: a secret, and an invisible character', (c) => {
    const r = lintSummary(inSummary(`Key ${key.slice(0, 8)}${c}${key.slice(8)} was used.`), {});
    expect(r.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['secret', 'invisible-character']));
    expect(JSON.stringify(r)).not.toContain(key);
  });
});
