// The console in headless Chromium: the whole publishing flow (sign in, open an incident, write a
// leaky draft and see the findings under the words, apply a suggestion, fix the rest, publish, see
// it on the public page, sign out), CSRF from another origin, a revoked token's session, axe-core
// WCAG 2.1 AA at 1280/360 px in light and dark, and live checking per keystroke on 400 words.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSummary } from '../../src/core/summary/lint';
import { createComponent } from '../../src/services/components';
import { getLexicon, putLexicon } from '../../src/services/lexicon';
import { revokeToken } from '../../src/services/tokens';
import { LEAKY as GATE_LEAKY } from '../core/summary/fixtures';
import { CHROMIUM, hasChromium, launchChromium } from '../helpers/browser';
import { createWorld, type World } from '../helpers/world';

const required = process.env.AFTERWORD_REQUIRE_BROWSER === '1';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const actor = { tokenId: null, label: 'test' };

const LEAKY = `## What happened

On 20 November 2026, from 10:00 to 10:45 UTC, checkout requests failed. Jane Doe restarted db-prod-03 after a configuration change exhausted its connections.

## Who was affected

Customers who tried to pay during that window saw an error page.

## What we did

We rolled back the configuration change and checkout recovered by 10:45 UTC.

## What we are doing to prevent it

1. Validate configuration changes in staging before release, by 15 December 2026.
`;

describe('console browser prerequisites', () => {
  it('Chromium is installed, or the run does not require it (CI sets AFTERWORD_REQUIRE_BROWSER=1)', () => {
    expect(hasChromium || !required, `${CHROMIUM} must exist when AFTERWORD_REQUIRE_BROWSER=1`).toBe(true);
  });
});

describe.skipIf(!hasChromium)('the console in Chromium', () => {
  let world: World;
  let server: ReturnType<typeof serve>;
  let attacker: Server;
  let base: string;
  let attackerBase: string;
  let browser: Browser;
  let incidentId = '';

  beforeAll(async () => {
    world = createWorld();
    world.clock.set('2026-11-20T10:45:00Z');
    await createComponent({ deps: world.deps, input: { name: 'Checkout' }, actor });
    await putLexicon({
      deps: world.deps,
      input: { employees: ['Jane Doe'], internalDomains: ['corp.acme.io'] },
      actor,
    });
    world.app.use('/*', serveStatic({ root: './public' }));
    server = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Another origin (same host, other port: same-site, so even a SameSite=Strict cookie is sent).
    attacker = createServer((req, res) => {
      const target = decodeURIComponent((req.url ?? '/').slice(1));
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(
        `<!doctype html><form method="post" action="${target}"><input name="_csrf" value="guess"><input name="status" value="investigating"><input name="body" value="pwned"></form><script>document.forms[0].submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerBase = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await launchChromium();
    mkdirSync('test-results', { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await new Promise((resolve) => attacker?.close(resolve));
    world?.close();
  });

  async function signedIn(
    token: string,
    opts: { width?: number; scheme?: 'light' | 'dark' } = {},
  ): Promise<{ context: BrowserContext; page: Page; thirdParty: string[]; errors: string[] }> {
    const context = await browser.newContext({
      viewport: { width: opts.width ?? 1280, height: 900 },
      colorScheme: opts.scheme ?? 'light',
    });
    const page = await context.newPage();
    const thirdParty: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith(attackerBase)) thirdParty.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${base}/admin`);
    await page.locator('#token').fill(token);
    await page.locator('#token').press('Enter');
    await page.waitForURL(`${base}/admin/incidents`);
    return { context, page, thirdParty, errors };
  }

  async function axe(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE }).catch(async () => {
      // The console's CSP refuses injected inline scripts: evaluate axe's source instead.
      const { readFileSync } = await import('node:fs');
      await page.evaluate(readFileSync(AXE, 'utf8'));
    });
    const results = await page.evaluate(async () => {
      const a = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<any> } }).axe;
      return a.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    return results.violations.map(
      (v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`,
    );
  }

  it('publishes a summary end to end: sign in, open, write, see findings, apply, fix, publish, sign out', async () => {
    const token = await world.token('admin');
    const { context, page, thirdParty, errors } = await signedIn(token);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'afterword_console')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    expect(session.value).not.toContain(token);
    // The token is nowhere in the browser's storage.
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(token);

    // 2. Open an incident.
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByLabel('Title (public)').fill('Checkout failures');
    await page.getByLabel('Severity').selectOption('SEV-1');
    await page.getByLabel('Started (UTC)').fill('2026-11-20T10:00');
    await page.getByLabel('Incident lead').fill('Dana');
    await page.getByLabel('Checkout').selectOption('major_outage');
    await page.getByRole('button', { name: 'Open incident' }).click();
    await page.waitForURL(/\/admin\/incidents\/inc_\w+$/);
    incidentId = page.url().split('/').at(-1)!;
    // A summary is published once the incident is over: resolve it (the clock reads 10:45 UTC).
    await page.getByRole('button', { name: 'Resolve incident' }).click();
    await page.waitForURL(/\/admin\/incidents\/inc_\w+$/);
    await page.getByRole('link', { name: 'Write the customer summary' }).click();
    await page.waitForURL(`${base}/admin/incidents/${incidentId}/summary`);
    const area = page.locator('#summary-md');
    expect(await area.inputValue()).toBe(
      '## What happened\n\n\n## Who was affected\n\n\n## What we did\n\n\n## What we are doing to prevent it\n\n',
    );

    // 3. A leaky draft: both findings are underlined under the words, no request per keystroke.
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() !== 'GET') posts++;
    });
    await area.fill(LEAKY);
    await area.press('End'); // one real keystroke too
    const marks = page.locator('#summary-mirror mark');
    await expect.poll(() => marks.count()).toBe(2);
    expect(await marks.allTextContents()).toEqual(['Jane Doe', 'db-prod-03']);
    expect(posts).toBe(0);
    // Each underline sits inside the textarea's box, on the excerpt's line.
    const box = (await area.boundingBox())!;
    for (const m of await marks.all()) {
      const b = (await m.boundingBox())!;
      expect(b.y).toBeGreaterThan(box.y);
      expect(b.y + b.height).toBeLessThan(box.y + box.height);
      expect(b.x).toBeGreaterThanOrEqual(box.x);
    }
    // The mark under "db-prod-03" is where the textarea draws those characters: check by caret position.
    await expect.poll(() => page.locator('#publish-button').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('#finding-list li').count()).toBe(2);
    await expect
      .poll(() => page.locator('#findings-status').textContent())
      .toMatch(/2 errors, 0 warnings, \d+ of 400 words\./);
    await page.screenshot({ path: 'test-results/console-editor-findings.png', fullPage: true });

    // 4. Apply a suggestion.
    await page
      .getByRole('button', { name: 'Apply suggestion: replace "db-prod-03" with "one of our database servers"' })
      .click();
    expect(await area.inputValue()).toContain('restarted one of our database servers after');
    await expect.poll(() => page.locator('#finding-list li').count()).toBe(1);

    // 5. Fix the rest with the keyboard: "Show" selects the excerpt, typing replaces it.
    await page.getByRole('button', { name: 'Show "Jane Doe" in the text' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('An engineer');
    expect(await area.inputValue()).toContain('failed. An engineer restarted one of our database servers');
    await expect.poll(() => page.locator('#finding-list li').count()).toBe(0);
    await expect.poll(() => page.locator('#publish-button').isDisabled()).toBe(false);
    await expect
      .poll(() => page.locator('#findings-status').textContent())
      .toMatch(/No errors, 0 warnings, \d+ of 400 words\. Ready to publish\./);

    // Preview, rendered as the public page will show it.
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.locator('.preview .summary h2').first().textContent()).toBe('What happened');
    await page.screenshot({ path: 'test-results/console-editor-preview.png', fullPage: true });

    // 6. Publish.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\?published=1$/);
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Published version 1');

    // 7. The public page shows it.
    await page.goto(`${base}/incidents/${incidentId}`);
    await expect
      .poll(() => page.locator('.summary').textContent())
      .toContain('An engineer restarted one of our database servers');
    await page.screenshot({ path: 'test-results/console-public-after-publish.png', fullPage: true });

    // 8. Sign out: the old cookie is refused.
    await page.goto(`${base}/admin/incidents`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/admin`);
    await context.addCookies([session]);
    await page.goto(`${base}/admin/incidents`);
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to the console');
    expect(thirdParty).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('refuses a form posted from another origin, even with the session cookie', async () => {
    expect(incidentId).not.toBe('');
    const { context, page } = await signedIn(await world.token('admin'));
    const before = (await world.deps.store.incidents.listUpdates(incidentId)).length;
    const res = page.waitForResponse((r) => r.url().endsWith('/updates'));
    await page.goto(`${attackerBase}/${encodeURIComponent(`${base}/admin/incidents/${incidentId}/updates`)}`);
    expect((await res).status()).toBe(403);
    await expect.poll(() => page.locator('body').textContent()).toContain('CSRF');
    const after = await world.deps.store.incidents.listUpdates(incidentId);
    expect(after.length).toBe(before);
    expect(after.map((u) => u.body)).not.toContain('pwned');
    await context.close();
  });

  it("a revoked token's session stops working", async () => {
    const token = await world.token('incidents:write');
    const { context, page } = await signedIn(token);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Incidents');
    const tok = (await world.deps.store.tokens.list()).find((t) => t.name === 'test-incidents:write')!;
    await revokeToken({ deps: world.deps, id: tok.id, actor });
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to the console');
    await context.close();
  });

  it('a token without summaries:publish sees the editor read-only', async () => {
    const { context, page, errors } = await signedIn(await world.token('incidents:write'));
    await page.goto(`${base}/admin/incidents/${incidentId}/summary`);
    expect(await page.locator('#summary-md').evaluate((e) => (e as HTMLTextAreaElement).readOnly)).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    expect(await page.locator('#summary-md').getAttribute('data-lexicon')).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`has no WCAG 2.1 AA violation at ${width} px in ${scheme} mode (sign-in, incidents, incident, editor)`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(`${base}/admin`);
        expect(await axe(page)).toEqual([]);
        await page.locator('#token').fill(await world.token('admin'));
        await page.locator('#token').press('Enter');
        await page.waitForURL(`${base}/admin/incidents`);
        expect(await axe(page)).toEqual([]);
        await page.screenshot({ path: `test-results/console-incidents-${width}-${scheme}.png`, fullPage: true });
        await page.goto(`${base}/admin/incidents/${incidentId}`);
        expect(await axe(page)).toEqual([]);
        await page.goto(`${base}/admin/incidents/${incidentId}/summary`);
        await page.locator('#summary-md').fill(LEAKY);
        await expect.poll(() => page.locator('#finding-list li').count()).toBe(2);
        expect(await axe(page)).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/console-editor-${width}-${scheme}.png`, fullPage: true });
        await context.close();
      }, 60_000);
    }
  }

  it('the bundled checker finds exactly what the server finds (public/console.js is built from the same core)', async () => {
    const { context, page } = await signedIn(await world.token('admin'));
    await page.goto(`${base}/admin/incidents/${incidentId}/summary`);
    await page.locator('#summary-md').fill(GATE_LEAKY);
    const incident = (await world.deps.store.incidents.get(incidentId))!;
    const server = lintSummary(GATE_LEAKY, await getLexicon({ deps: world.deps }), {
      incident: { startedAt: incident.startedAt, resolvedAt: incident.resolvedAt },
    }).findings.map((f) => `${f.rule}@${f.line}:${f.column}:${f.length}`);
    expect(server.length).toBeGreaterThan(5);
    await expect.poll(() => page.locator('#finding-list li').count()).toBe(server.length);
    const browserFindings = await page
      .locator('#finding-list li')
      .evaluateAll((lis) => lis.map((li) => `${(li as HTMLElement).dataset.rule}@${(li as HTMLElement).dataset.at}`));
    expect(browserFindings).toEqual(server);
    await context.close();
  });

  it('measures live checking per keystroke on a 400-word summary (reported, not asserted)', async () => {
    const { context, page } = await signedIn(await world.token('admin'));
    await page.goto(`${base}/admin/incidents/${incidentId}/summary`);
    const sentence =
      'Customers saw slower responses from the checkout service while we moved traffic to healthy servers. ';
    const body = sentence.repeat(24).trim(); // 384 words; with the other lines, 401
    const text = `## What happened\n\nOn 20 November 2026, from 10:00 to 10:45 UTC, checkout requests failed. ${body} We are sorry for the trouble this caused our customers today.\n\n## Who was affected\n\nCustomers who tried to pay.\n\n## What we did\n\nWe rolled back the change.\n\n## What we are doing to prevent it\n\n1. Validate changes in staging, by 15 December 2026.\n`;
    const area = page.locator('#summary-md');
    await area.fill(text);
    const words = Number((await page.locator('#word-count').textContent())?.split(' ')[0]);
    await area.press('Control+End');
    await page.evaluate(() => {
      (window as any).afterwordEditor.timings.length = 0;
    });
    await page.keyboard.type(' More words here', { delay: 0 });
    const timings: number[] = await page.evaluate(() => (window as any).afterwordEditor.timings.slice());
    expect(timings.length).toBe(' More words here'.length);
    const sorted = [...timings].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    const report = { words, keystrokes: timings.length, medianMs: q(0.5), p95Ms: q(0.95), maxMs: sorted.at(-1) };
    console.log(`[console] live check per keystroke on ${words} words: ${JSON.stringify(report)}`);
    writeFileSync('test-results/console-keystroke.json', `${JSON.stringify(report, null, 2)}\n`);
    await context.close();
  });
});
