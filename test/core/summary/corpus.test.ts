// The corpus: realistic clean summaries in many styles must pass with no error finding, and
// realistic leaky ones must report exactly the planted kinds of leak (no error on the clean parts).
import { describe, expect, it } from 'vitest';
import { lintSummary } from '../../../src/core/summary/lint';
import type { Finding } from '../../../src/core/summary/types';
import { CLEAN_CORPUS } from './corpus/clean';
import { LEAKY_CORPUS } from './corpus/leaky';
import { CORPUS_LEXICON } from './corpus/lexicon';

const show = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.line}:${f.column} ${JSON.stringify(f.text)}`);

describe('clean corpus', () => {
  it('has at least 20 summaries', () => expect(CLEAN_CORPUS.length).toBeGreaterThanOrEqual(20));

  it.each(CLEAN_CORPUS.map((c) => [c.name, c] as const))('%s passes', (_name, c) => {
    const r = lintSummary(c.markdown, CORPUS_LEXICON);
    expect(show(r.findings.filter((f) => f.severity === 'error'))).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toEqual(c.warnings ?? []);
    expect(r.ok).toBe(true);
  });
});

describe('leaky corpus', () => {
  it('has at least 20 summaries', () => expect(LEAKY_CORPUS.length).toBeGreaterThanOrEqual(20));

  it.each(LEAKY_CORPUS.map((c) => [c.name, c] as const))('%s reports its planted leaks', (_name, c) => {
    const r = lintSummary(c.markdown, CORPUS_LEXICON);
    const errors = [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
    expect(errors, show(r.findings).join('\n')).toEqual([...c.errors].sort());
    const warnings = new Set(r.findings.filter((f) => f.severity === 'warning').map((f) => f.rule));
    for (const w of c.warnings ?? []) expect(warnings).toContain(w);
    expect(r.ok).toBe(false);
  });
});
