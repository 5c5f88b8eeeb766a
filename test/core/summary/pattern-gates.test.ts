// The pattern rules run only where they could match (see patterns.ts): keyword rules at their start
// words' offsets, credential formats behind the text's longest token run. These cases sit on the
// edges of those gates: a keyword after an apostrophe, in Unicode text, beside the characters the
// `iu` flags fold (ſ, K) or toLowerCase lengthens (İ), and credentials in prose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../../src/core/summary/lexicon';
import {
  HEAD_PREFIXES,
  patternMatches,
  repoRefStarts,
  scanMarks,
  secretMatches,
} from '../../../src/core/summary/patterns';
import { splitWords } from '../../../src/core/summary/tokens';

const lex = compileLexicon({});
const rules = (text: string) => patternMatches(text, lex).map((m) => `${m.rule} ${text.slice(m.start, m.end)}`);

describe('keyword rules at their start words', () => {
  it.each([
    ['An engineer ran the migration twice.', 'blame An engineer ran'],
    ['It was a engineer mistyped nothing; a developer deleted the table.', 'blame a developer deleted'],
    ["x'assigned to the platform group", 'owner assigned to'],
    ['l’owner: Ana', 'owner owner:'],
    ['Café owner: Ana', 'owner owner:'],
    ['İstanbul office; owner: Ana', 'owner owner:'],
    ['The ſtaff error was ours.', 'blame ſtaff error'],
    ['See tasK 4821377 for the details.', 'ticket-id tasK 4821377'],
    ['Tracked in #ops-review, see commit 3f2a9c1d.', 'ticket-id commit 3f2a9c1d'],
    ['Customers on the P3 plan saw errors.', 'jargon P3 plan'],
    ['Accounts on ENT-12\tplans and the T2  tier were slow.', 'jargon ENT-12\tplans'],
    ['Accounts on ENT-12\tplans and the T2  tier were slow.', 'jargon T2  tier'],
    ['Café owners on the P3 plan saw errors.', 'jargon P3 plan'],
    ['The fix is INC0012345 — closed.', 'ticket-id INC0012345'],
    ['See acme/api#4821 and acme/web#12 for the fix.', 'ticket-id acme/api#4821'],
    ['Fixed in acme-corp/pay.ments_v2#7 yesterday.', 'ticket-id acme-corp/pay.ments_v2#7'],
    ['First why: the cache expired. Second why: the TTL was short.', 'five-whys First why'],
    ['Café. 1st why — the cache; 2nd why — the TTL.', 'five-whys 2nd why'],
    // The AWS account id's format runs only where a word begins "aws" (its key), in plain ASCII.
    ['The AWS_ACCOUNT_ID=1234-5678-9012 leaked.', 'secret AWS_ACCOUNT_ID=1234-5678-9012'],
    ['{"aws_account_id": "123456789012"}', 'secret "aws_account_id": "123456789012'],
    ['cfg.AwsAccountId => 1234-5678-9012', 'secret AwsAccountId => 1234-5678-9012'],
    ['Café: AwsAccountId: 1234-5678-9012', 'secret AwsAccountId: 1234-5678-9012'],
  ])('%s', (text, finding) => {
    expect(rules(text)).toContain(finding);
  });

  it('finds nothing in prose that only looks like its triggers', () => {
    expect(rules("The team's plan: they answered the number of tickets, and the owners’ reviews.")).toEqual([]);
  });
});

describe('credentials behind the longest token run', () => {
  const key = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;
  it.each([
    [`Rotated ${key} this morning.`, key],
    ['Use password: hunter2! for now.', 'password: hunter2!'],
    ['AWS_ACCOUNT_ID=1234-5678-9012', 'AWS_ACCOUNT_ID=1234-5678-9012'],
    ['connect to postgres://admin:s3cr3t@db/prod', 'postgres://admin:s3cr3t@db'],
  ])('%s', (text, secret) => {
    expect(secretMatches(text).map((m) => text.slice(m.start, m.end))).toContain(secret);
  });

  it('finds none in long words and hyphenated prose', () => {
    expect(secretMatches('An internationalization-related, customer-facing misconfiguration.')).toEqual([]);
  });
});

describe('the "#" and "." gates', () => {
  // Read from the offsets of "#" and "." instead of a regex scan each: the same verdicts as the
  // regexes they stand for, on any text (headings' "#", spaces of every kind, ſ and K, dots at the ends).
  const piece = fc.constantFrom(
    '#',
    '##',
    '.',
    ' ',
    '\t',
    '\n',
    '\u00a0',
    '\u3000',
    '1',
    'a',
    'Z',
    '-',
    '_',
    'ſ',
    'K',
    'é',
    '/',
  );
  it('agree with the regexes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        expect(scanMarks(text)).toEqual({
          hashDigit: /#\d/.test(text),
          hashNumber: /#\s*\d/.test(text),
          hashWord: /#[^\s#]/.test(text),
          dotName: /[a-z0-9-]\.[a-z][a-z0-9-]/i.test(text),
          dotLetter: /[a-z0-9-]\.[a-z]/i.test(text),
        });
      }),
      { numRuns: 4000 },
    );
  });
});

describe('owner/repo#123 references', () => {
  // Tried only where one can begin (the start of the run before the "/" before each "#" and digit):
  // the same matches as scanning the text with the pattern.
  const REPO_REF = /(?<![\w./-])[\w.-]+\/[\w.-]+#\d+\b/g;
  const atStarts = (text: string) => {
    const at = new RegExp(REPO_REF.source, 'y');
    const out: string[] = [];
    let lastEnd = 0;
    for (const s of repoRefStarts(text)) {
      if (s < lastEnd) continue;
      at.lastIndex = s;
      const m = at.exec(text);
      if (!m) continue;
      out.push(`${m.index}:${m[0]}`);
      lastEnd = s + m[0].length;
    }
    return out;
  };
  it('finds what a scan of the pattern finds', () => {
    const piece = fc.constantFrom(
      'a',
      'B',
      '7',
      '_',
      '.',
      '-',
      '/',
      '#',
      '#1',
      '12',
      ' ',
      '\n',
      'é',
      'acme/api',
      '#4821',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(atStarts(text)).toEqual([...text.matchAll(REPO_REF)].map((m) => `${m.index}:${m[0]}`));
      }),
      { numRuns: 4000 },
    );
  });
});

describe('trigger words marked while splitting', () => {
  // lint splits the words with HEAD_PREFIXES, so the trigger pass reads only the words that may
  // begin a head: every rule must find exactly what it finds reading every word.
  const piece = fc.constantFrom(
    'An engineer ran ',
    'an engineer deleted ',
    'assigned to ',
    'the owner: ',
    "x'assigned to ",
    'l’owner: Ana ',
    'Café ',
    'ticket 482137 ',
    'commit 3f2a9c1d ',
    'P3 plan ',
    'First why? ',
    'second why ',
    'AKIAIOSFODNN7EXAMPLE ',
    'ghp_',
    'tasK ',
    'ſtaff error ',
    'İ ',
    ' ',
    '\n',
    "'",
    'a',
    '5',
  );
  it('find what reading every word finds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(patternMatches(text, lex, splitWords(text, undefined, HEAD_PREFIXES))).toEqual(
          patternMatches(text, lex),
        );
      }),
      { numRuns: 1500 },
    );
  });
});
