// Adversarial inputs near the 64 KiB limit: one piece repeated after a prefix. Shared by the
// fast-check property (test/core/summary/adversarial.test.ts) and `npm run bench -- lint`, which
// reports the slowest. Each piece once stressed some rule or marked itself: suffix walks over long
// dotted runs, repeated decoding (`%2D`, `&#45;`, `\-`), repeated names, nested quotes and lists,
// huge tables, long link targets, soft line breaks, invisible and look-alike characters.
import { MAX_SUMMARY_BYTES } from '../../../src/core/summary/inputs';

export const ADVERSARIAL_PIECES = [
  // dotted runs, hosts and addresses
  'a.',
  'ab.',
  'a.b.',
  '.',
  '...',
  '@a.',
  'a@b.',
  'a-1',
  'db-prod-',
  'fc00:',
  '::',
  '1.2.3.4 ',
  'a://b:c',
  'http://a ',
  // encodings decoded by the page
  '&#45;',
  '&#x2D;',
  '&hyphen;',
  '&',
  '\\-',
  '\\',
  '%2D',
  '%',
  // names, phrases, numbers
  'Jane ',
  'Jane Doe, ',
  'Priya Natarajan ',
  'Why? because. ',
  'an engineer ',
  '#a',
  '+1 ',
  '12:05-',
  '14:05 UTC (',
  'password=',
  'password is a1',
  'the token to ',
  'a (at) ',
  'a[at]b.',
  'a at b dot ',
  ' dot ',
  'OPS 1',
  'OPS_',
  'ghp_',
  'AKIA',
  `${'x'.repeat(100)} `,
  // markdown structure: nested quotes and lists, tables, emphasis, links, headings
  '> ',
  '- > ',
  '1. > ',
  '> "',
  '"a ',
  '| a ',
  '|a|\n',
  '_a',
  '*a',
  '**a**\n\n',
  '`a',
  '*',
  '_',
  '~',
  '`',
  '[a](',
  'a[b](c)d',
  'x[y][z]',
  '![a](b ',
  '<a ',
  '<!--',
  '# a\n',
  '-',
  // line breaks and invisible or look-alike characters
  'a\n',
  'a-\n',
  'a \n',
  'a\u200b',
  '\u200b',
  '\u00ad',
  '\u202e',
  'a\u0456',
  '\u0430',
  '\u0430.',
  '\uff21',
  '\ufb01',
  // Credential heads, each the start of a split reading (see splitSecrets).
  'AKIA1 ',
  'ghp_a1\n',
  'sk-A ',
];

export const ADVERSARIAL_PREFIXES = [
  '',
  'http://',
  '[x](http://',
  'Jane ',
  '## What happened\n',
  '| a | b |\n|---|---|\n|',
];

/** The piece repeated after the prefix to just under the size limit. */
export function adversarialText(prefix: string, piece: string): string {
  return (prefix + piece.repeat(Math.ceil(60_000 / piece.length))).slice(0, MAX_SUMMARY_BYTES - 10);
}
