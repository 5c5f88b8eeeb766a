// Suggestions compose: applying any finding's suggestion never creates a new finding. A suggestion
// is either replacement text ("an engineer", "our monitoring"), a removal ("remove it", "remove
// the ticket id"), or advice about the whole text ("cut 20 words"), which is not applied here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintSummary } from '../../../src/core/summary/lint';
import type { Finding } from '../../../src/core/summary/types';
import { DISGUISE_LEXICON, DISGUISES } from '../../fixtures/disguises';
import { CLEAN_CORPUS } from './corpus/clean';
import { LEAKY_CORPUS } from './corpus/leaky';
import { CORPUS_LEXICON } from './corpus/lexicon';
import { LEAKY, LEXICON } from './fixtures';

const ADVICE =
  /^(?:e\.g\.|say|describe|name|give|add|cut|keep|write|use|point|state|rewrite|retype|the incident|remove the credential)/i;

/** The text with one finding's suggestion applied, or null when the suggestion is advice. */
function apply(text: string, f: Finding): string | null {
  if (!f.suggestion || f.length === 0 || f.rule === 'secret') return null;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.slice(0, f.line - 1).reduce((n, l) => n + l.length + 1, 0) + f.column - 1;
  const flat = lines.join('\n');
  if (/^remove\b/i.test(f.suggestion)) return flat.slice(0, start) + flat.slice(start + f.length);
  if (ADVICE.test(f.suggestion)) return null;
  return flat.slice(0, start) + f.suggestion + flat.slice(start + f.length);
}

const key = (f: Finding) => `${f.rule} ${f.text}`;

const SAMPLES: [string, string, object][] = [
  ['leaky fixture', LEAKY, LEXICON],
  ...LEAKY_CORPUS.map((c): [string, string, object] => [c.name, c.markdown, CORPUS_LEXICON]),
  ...CLEAN_CORPUS.slice(0, 5).map((c): [string, string, object] => [c.name, c.markdown, {}]),
  ...DISGUISES.map((d): [string, string, object] => [d.name, `## What happened\n\n${d.text}\n`, DISGUISE_LEXICON]),
];

describe('suggestions compose', () => {
  it('applying any one suggestion never creates a finding that was not there', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.nat(), ([name, text, lexicon], pick) => {
        const before = lintSummary(text, lexicon);
        const applicable = before.findings.filter((f) => apply(text, f) !== null);
        if (applicable.length === 0) return;
        const f = applicable[pick % applicable.length] as Finding;
        const fixed = apply(text, f) as string;
        const count = (fs: Finding[]) => {
          const m = new Map<string, number>();
          for (const g of fs)
            if (g.rule !== 'word-limit' && g.rule !== 'sections') m.set(g.rule, (m.get(g.rule) ?? 0) + 1);
          return m;
        };
        const had = count(before.findings);
        const after = lintSummary(fixed, lexicon).findings;
        const added = [...count(after)].filter(([rule, n]) => n > (had.get(rule) ?? 0)).map(([rule]) => rule);
        expect(
          added,
          `${name}: applying ${key(f)} -> ${JSON.stringify(f.suggestion)} gives ${JSON.stringify(after.filter((g) => added.includes(g.rule)).map(key))}`,
        ).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
