// Leaks written the way people write them when they are not thinking of a gate: a password told in
// words, an address spelled out against scrapers, a ticket key with another separator, a codename in
// the plural. Each with the innocent text it must leave alone. (test/fixtures/disguises.ts runs the
// same shapes through every public field, the API and workerd.)
import { describe, expect, it } from 'vitest';
import type { Lexicon } from '../../../src/core/summary/lexicon';
import { lintPublicText, lintSummary } from '../../../src/core/summary/lint';
import { redactSecrets } from '../../../src/core/summary/redact';

const LEX: Lexicon = {
  codenames: ['Bluebird', 'Osprey', 'Project Falcon', 'Ruby', 'Atlas'],
  ticketPrefixes: ['OPS', 'PAY'],
  allow: ['acme.com'],
};
const found = (text: string, lexicon: Lexicon = LEX) =>
  lintPublicText(text, lexicon).findings.map((f) => [f.rule, f.text] as const);
const rulesOf = (text: string, lexicon: Lexicon = LEX) => found(text, lexicon).map(([rule]) => rule);

// Values that must look like passwords, assembled at run time.
const PW = ['Tr0ub', '4dor&3x'].join('');
const PW2 = ['hunter', '2!Zq9'].join('');

describe('a credential told in words is a secret', () => {
  it.each([
    `The admin password is ${PW} for now.`,
    `The password was ${PW2} until Tuesday.`,
    `We reset the password to ${PW2} and told the team.`,
    `The API key was set to ${PW}x today.`,
    `Our access key is "${PW2}" in the runbook.`,
    `The passphrase is ${PW2}.`,
    `The token is ${PW}.`,
  ])('%s', (text) => {
    expect(rulesOf(text)).toContain('secret');
    // Never echoed: the finding shows a masked excerpt.
    expect(JSON.stringify(lintPublicText(text, LEX))).not.toContain(PW.slice(2));
    expect(JSON.stringify(lintPublicText(text, LEX))).not.toContain(PW2.slice(2));
  });

  it.each([
    'The password is reset for all users.',
    'Each password is 12-characters or longer.',
    'The token was revoked and the API key was rotated.',
    'The password is strong, and the token is short-lived.',
    'Access keys to production were not affected.',
    'The secret is out: we moved to a new region on 2026-12-01.',
    'Passwords to <redacted> were changed.',
  ])('leaves alone %j', (text) => expect(rulesOf(text)).not.toContain('secret'));

  it('is redacted from a saved draft', () => {
    const md = `## What happened\n\nThe admin password is ${PW2} for now.\n`;
    const r = lintSummary(md, LEX);
    expect(r.findings.map((f) => f.rule)).toContain('secret');
    expect(redactSecrets(md, r.findings)).not.toContain(PW2);
  });
});

describe('an address spelled out is contact info', () => {
  it.each([
    ['Write to priya (at) example (dot) com today.', 'priya (at) example (dot) com'],
    ['Write to priya[at]example.com today.', 'priya[at]example.com'],
    ['Write to priya [at] example [dot] co [dot] uk today.', 'priya [at] example [dot] co [dot] uk'],
    ['Write to Priya AT example DOT com today.', 'Priya AT example DOT com'],
    ['Write to priya at example dot com today.', 'priya at example dot com'],
    ['Write to first.last (at) acme (dot) com today.', 'first.last (at) acme (dot) com'],
  ])('%s', (text, excerpt) => expect(found(text)).toContainEqual(['contact-info', excerpt]));

  it.each([
    'Updates were posted at status.example.com every hour.',
    'We looked at the logs (at 14:05 UTC) and at the graphs.',
    'Errors peaked at 14:05 UTC and at 14:40 UTC.',
    'The fix landed at api.example.com first.',
    'Write to support (at) acme (dot) com for help.',
    'The cursor sat at the dot com boom of the chart.',
  ])('leaves alone %j', (text) => expect(rulesOf(text)).not.toContain('contact-info'));
});

describe('a configured ticket prefix with another separator is a ticket id', () => {
  it.each([
    ['Tracked as OPS_1234 now.', 'OPS_1234'],
    ['Tracked as OPS 1234 now.', 'OPS 1234'],
    ['Tracked as OPS#1234 now.', 'OPS#1234'],
    ['Tracked as PAY1234 now.', 'PAY1234'],
    ['Tracked as ops-1234 now.', 'ops-1234'],
  ])('%s', (text, excerpt) => expect(found(text).filter(([r]) => r === 'ticket-id')).toEqual([['ticket-id', excerpt]]));

  it.each([
    'The ops 24 rota and the pay 2 team were paged.',
    'Tracked as ABC_1234 and XYZ 12 now.',
    'OPSEC 2 and PAYROLL 3 were not affected.',
    'Tracked as OPS_1234a now.',
  ])('leaves alone %j', (text) => expect(rulesOf(text)).not.toContain('ticket-id'));

  it('only for prefixes the lexicon configures', () => expect(rulesOf('Tracked as OPS_1234 now.', {})).toEqual([]));
});

describe('a codename in the plural is a codename', () => {
  it.each([
    ['The Bluebirds restarted.', 'Bluebirds'],
    ['Both Ospreys were drained.', 'Ospreys'],
    ['The Falcons were drained.', 'Falcons'],
    ['Two Rubies failed over.', 'Rubies'],
    ['Two Atlases failed over.', 'Atlases'],
  ])('%s', (text, excerpt) => expect(found(text)).toContainEqual(['codename', excerpt]));

  it('an English word keeps its own rules in the plural: only as a proper noun', () =>
    expect(rulesOf('We bought two atlases and some rubies.')).not.toContain('codename'));
});

describe('a credential split by a space or a line break is covered whole', () => {
  const redacted = (md: string) => redactSecrets(md, lintSummary(md, LEX).findings);
  const A = ['wJalrXUtnFEMI', '/K7MDENG'].join('');
  const B = ['bPxRfiCYEX', 'AMPLEKEY'].join('');

  it('an environment variable whose value is split in two', () => {
    const out = redacted(`## What happened\n\nWe found AWS_SECRET_ACCESS_KEY=${A} ${B} in a log and rotated it.\n`);
    expect(out).not.toContain(A.slice(0, 8));
    expect(out).not.toContain(B);
    expect(out).toContain('in a log and rotated it.');
  });

  it('a password told in words, broken over a line', () => {
    const out = redacted(`## What happened\n\nThe password is ${PW2}\n${B} and it was rotated.\n`);
    expect(out).not.toContain(PW2);
    expect(out).not.toContain(B);
    expect(out).toContain('and it was rotated.');
  });

  it('a private key pasted without its END line', () => {
    const line = (seed: string) => `${seed}${'A1b2C3d4'.repeat(7)}`.slice(0, 64);
    const body = [line('MIIEow'), line('IBAAKCAQ'), line('EAx9Zq')].join('\n');
    const md = `## What happened\n\n${['-----BEGIN RSA', ' PRIVATE KEY-----'].join('')}\n${body}\n\nWe rotated the key.\n`;
    const out = redacted(md);
    for (const l of body.split('\n')) expect(out).not.toContain(l.slice(0, 20));
    expect(out).toContain('We rotated the key.');
  });

  it('prose after a credential is not part of it', () => {
    const r = lintPublicText('Set password=hunter22x today and restart.', LEX);
    const secret = r.findings.find((f) => f.rule === 'secret');
    expect(secret).toBeDefined();
    expect(redactSecrets('Set password=hunter22x today and restart.', r.findings)).toContain('today and restart.');
  });
});
