// The webhook signature: what the dispatcher sends verifies with our reference verifier and with the
// README's Node snippet, and fails on a changed body, a wrong secret or a stale timestamp.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from '../../src/alerts/signature';
import { ROOT } from '../helpers/processes';

const secret = ['whsec', 'test', 'only'].join('_');
const body = JSON.stringify({ alertId: 'alr_x', type: 'sla.checkpoint', incidentTitle: 'Ünïcode “quotes”' });
const now = Date.parse('2026-11-20T12:00:00Z');

/** The verification snippet from the README, loaded as a module. */
async function readmeVerifier(): Promise<(raw: string, header: string, secret: string, tol?: number) => boolean> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Verifying the signature'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code, 'README has a ```js block under "Verifying the signature"').toBeTruthy();
  const file = join(mkdtempSync(join(tmpdir(), 'afterword-readme-')), 'verify.mjs');
  writeFileSync(file, code as string);
  return (await import(pathToFileURL(file).href)).verifyAfterword;
}

describe('Afterword-Signature', () => {
  it('has the documented shape and verifies', async () => {
    const header = await signatureHeader(secret, body, now);
    expect(header).toMatch(/^t=1795176000,v1=[0-9a-f]{64}$/);
    expect(await verifySignature(secret, body, header, now + 10_000)).toBe(true);
  });

  it.each([
    ['a changed body', (h: string) => [secret, `${body} `, h, now] as const],
    ['a wrong secret', (h: string) => ['other', body, h, now] as const],
    ['a stale timestamp', (h: string) => [secret, body, h, now + 301_000] as const],
    ['a missing header', () => [secret, body, null, now] as const],
    ['a garbled header', () => [secret, body, 'v1=abc', now] as const],
  ])('rejects %s', async (_label, args) => {
    const header = await signatureHeader(secret, body, now);
    const [s, b, h, at] = args(header);
    expect(await verifySignature(s, b, h, at)).toBe(false);
  });

  it("the README's Node snippet accepts a real signature and rejects a tampered one", async () => {
    const verify = await readmeVerifier();
    const header = await signatureHeader(secret, body, Date.now());
    expect(verify(body, header, secret)).toBe(true);
    expect(verify(body.replace('alr_x', 'alr_y'), header, secret)).toBe(false);
    expect(verify(body, header, 'wrong')).toBe(false);
    const old = await signatureHeader(secret, body, Date.now() - 600_000);
    expect(verify(body, old, secret)).toBe(false);
  });
});
