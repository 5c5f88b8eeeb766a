// Logo and footer links may be "a path on this site": never one a browser resolves to another host.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isSitePath } from '../../src/core/public/page-settings';
import { createWorld, type World } from '../helpers/world';

const BASE = 'https://status.example.test';
let w: World;
afterEach(() => w?.close());

describe('paths on this site', () => {
  it.each(['/\\evil.example', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example', '//evil.example', '/a\\b'])(
    'refuses %j as a logo or a footer link (422, nothing stored)',
    async (url) => {
      w = createWorld();
      const token = await w.token('admin');
      for (const body of [
        { name: 'Acme', logoUrl: url },
        { name: 'Acme', footerLinks: [{ label: 'Home', url }] },
      ]) {
        const res = await w.call('PUT', '/api/v1/settings/page', { token, body });
        expect(res.status, JSON.stringify(body)).toBe(422);
        expect(res.json.code).toBe('validation_failed');
      }
      expect((await w.call('GET', '/api/v1/settings/page', { token })).json.logoUrl).toBeNull();
    },
  );

  it('still accepts real paths', async () => {
    w = createWorld();
    const token = await w.token('admin');
    const res = await w.call('PUT', '/api/v1/settings/page', {
      token,
      body: { name: 'Acme', logoUrl: '/logo.svg', footerLinks: [{ label: 'Help', url: '/help?topic=a#b' }] },
    });
    expect(res.status).toBe(200);
  });

  it('every string accepted as a path resolves, in a URL parser, to this host', () => {
    const chars = fc.constantFrom('/', '\\', 'a', '.', '\t', '\n', ' ', '?', '#', '%', ':', '@', 'e', '\u0000');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (parts) => {
        const s = `/${parts.join('')}`;
        if (isSitePath(s)) expect(new URL(s, BASE).host).toBe('status.example.test');
      }),
      { numRuns: 2000 },
    );
  });
});
