// A URL's host written as a number (`http://167772161/`, `0x0a.1`, `012.0.0.1`, `127.1`) is the IPv4
// address a browser opens: the internal-host verdict is the one for that address, as Node's WHATWG
// URL parser spells it.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { compileLexicon } from '../../../src/core/summary/lexicon';
import { lintPublicText } from '../../../src/core/summary/lint';
import { hostVerdict } from '../../../src/core/summary/patterns';

const lex = compileLexicon({});
const octet = fc.constantFrom<number>(0, 1, 10, 100, 127, 169, 172, 192, 254, 255);
const spell = (n: number, how: number) =>
  how === 0 ? String(n) : how === 1 ? `0x${n.toString(16)}` : `0${n.toString(8)}`;

it('a numeric host reads as the IPv4 address a browser makes of it', () => {
  fc.assert(
    fc.property(
      fc.array(octet, { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
      (bytes, parts, hows) => {
        // Fold the trailing bytes into the last part, as `127.1` folds 0.0.1.
        const value = bytes.reduce((v, b) => v * 256 + b, 0);
        const lead = bytes.slice(0, parts - 1);
        const rest = value % 256 ** (4 - lead.length);
        const host = [...lead, rest].map((n, k) => spell(n, hows[k] as number)).join('.');
        const canonical = new URL(`http://${host}/`).hostname;
        expect(canonical).toBe(bytes.join('.'));
        if (parts < 4 && value < 2 ** 24) return; // a lone small number: a time or a count, not read as an address
        expect(hostVerdict(host, lex), host).toBe(hostVerdict(canonical, lex));
      },
    ),
    { numRuns: 2000 },
  );
});

it('finds the private address behind each spelling in a link, and leaves public ones and times alone', () => {
  for (const url of [
    'http://167772161/',
    'http://0x0a000001/',
    'http://012.0.0.1/',
    'http://10.1/',
    'http://127.1:8080/',
  ]) {
    expect(
      lintPublicText(`See ${url} now.`, {}).findings.map((f) => f.rule),
      url,
    ).toContain('internal-host');
  }
  for (const url of ['http://8.8.8.8/', 'http://134744072/', 'http://1.5/', 'http://14:05']) {
    expect(
      lintPublicText(`See ${url} now.`, {}).findings.map((f) => f.rule),
      url,
    ).not.toContain('internal-host');
  }
});
