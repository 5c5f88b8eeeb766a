// The status page in headless Chromium: 1280 px and 360 px, light and dark, axe-core WCAG 2.1 AA,
// and complete with JavaScript disabled. Screenshots land in test-results/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/commands/seed-demo';
import { CHROMIUM, hasChromium, launchChromium } from '../helpers/browser';
import { createWorld, type World } from '../helpers/world';

const required = process.env.AFTERWORD_REQUIRE_BROWSER === '1';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

if (!hasChromium) {
  console.warn(
    `\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!!  ${CHROMIUM} is missing: the browser tests of the status page are SKIPPED.\n` +
      `!!  Install Debian's "chromium" package (CI sets AFTERWORD_REQUIRE_BROWSER=1).\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n`,
  );
}

describe('browser prerequisites', () => {
  it('Chromium is installed, or the run does not require it (CI sets AFTERWORD_REQUIRE_BROWSER=1)', () => {
    expect(hasChromium || !required, `${CHROMIUM} must exist when AFTERWORD_REQUIRE_BROWSER=1`).toBe(true);
  });
});

/** axe-core's WCAG 2.1 A and AA rules find nothing on the page as it is now. */
async function expectAxeClean(page: Page) {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<any> } }).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  });
  const violations = results.violations.map(
    (v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`,
  );
  expect(violations, page.url()).toEqual([]);
}

describe.skipIf(!hasChromium)('the status page in Chromium', () => {
  let world: World;
  let server: ReturnType<typeof serve>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    world = createWorld();
    await seedDemo(world.deps, { now: world.clock(), pastIncidents: 80, historyDays: 120, openIncidents: 2 });
    world.app.use('/*', serveStatic({ root: './public' }));
    server = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    mkdirSync('test-results', { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    world?.close();
  });

  for (const width of [1280, 360]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`renders at ${width} px in ${scheme} mode with no WCAG 2.1 AA violations`, async () => {
        const context = await browser.newContext({
          viewport: { width, height: 900 },
          colorScheme: scheme,
          timezoneId: 'Europe/Berlin',
        });
        const page = await context.newPage();
        const thirdParty: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith(base)) thirdParty.push(r.url());
        });
        const res = await page.goto(`${base}/`);
        expect(res?.status()).toBe(200);
        expect(await page.locator('h1').first().textContent()).toBe('Partial System Outage');
        // The optional script added local times beside the UTC ones.
        expect(await page.locator('.local-time').count()).toBeGreaterThan(0);
        // Nothing wider than the phone: no sideways scrolling.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/status-page-${width}-${scheme}.png`, fullPage: true });
        await page.screenshot({ path: `test-results/status-page-${width}-${scheme}-top.png` });

        // The tab says the status, with the favicon of that state (served from public/).
        expect(await page.title()).toBe('Partial System Outage · Acme Cloud status');
        const icon = await page.locator('link[rel="icon"]').getAttribute('href');
        expect(icon).toBe('/favicon-major.svg');
        expect((await page.request.get(`${base}${icon}`)).headers()['content-type']).toContain('image/svg');
        // Every date and time is one line: none breaks at a hyphen or space.
        const wrapped = await page.evaluate(() =>
          [...document.querySelectorAll('time')].filter((t) => t.getClientRects().length > 1).map((t) => t.textContent),
        );
        expect(wrapped).toEqual([]);
        // A folded group still shows its disclosure marker, and the marker turns when it opens.
        const group = page.locator('li.group details').first();
        const marker = () =>
          group.evaluate((d) => {
            const m = getComputedStyle(d.querySelector('summary') as Element, '::before');
            return { content: m.content, width: m.width, transform: m.transform, border: m.borderRightWidth };
          });
        // The marker turns with a 0.15 s transition; with reduced motion (which the stylesheet honours)
        // it turns at once, so each state is read as it is, however loaded the machine.
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await group.evaluate((d) => d.removeAttribute('open'));
        const folded = await marker();
        expect(folded.content).not.toBe('none');
        expect(folded.width).toBe('7px');
        expect(folded.border).toBe('2px');
        await group.evaluate((d) => d.setAttribute('open', ''));
        expect((await marker()).transform).not.toBe(folded.transform);
        await page.emulateMedia({ reducedMotion: 'no-preference' });
        await page
          .locator('section[aria-labelledby="h-components"]')
          .screenshot({ path: `test-results/components-${width}-${scheme}.png` });
        await expectAxeClean(page);

        expect(thirdParty).toEqual([]);
        await context.close();
      }, 60_000);
    }
  }

  it('the history page (filters, months) and the branded 404: axe-clean and no sideways scrolling, light and dark', async () => {
    for (const [width, scheme] of [
      [1280, 'light'],
      [360, 'light'],
      [360, 'dark'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${base}/history`);
      expect(await page.locator('form.filters select').count()).toBe(2);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await page.screenshot({ path: `test-results/history-${width}-${scheme}.png` });
      await expectAxeClean(page);
      if (width === 360) {
        const missing = await page.goto(`${base}/no/such/page`);
        expect(missing?.status()).toBe(404);
        expect(await page.locator('h1').textContent()).toBe('Not found');
        expect(await page.locator('a.subscribe').textContent()).toContain('Subscribe to updates');
        await page.screenshot({ path: `test-results/not-found-${width}-${scheme}.png` });
        await expectAxeClean(page);
      }
      await context.close();
    }
  }, 120_000);

  it('works with JavaScript disabled: status, components, groups fold open, incident page and history', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.locator('h1').first().textContent()).toBe('Partial System Outage');
    expect(await page.locator('.local-time').count()).toBe(0);
    // The demo's "Data" group has a degraded component (open), "Platform" too; every group folds without JS.
    const group = page.locator('li.group details').first();
    const wasOpen = (await group.getAttribute('open')) !== null;
    await group.locator('summary').first().click();
    expect((await group.getAttribute('open')) !== null).toBe(!wasOpen);
    const daysList = page.locator('details.days').first();
    await daysList.locator('summary').click();
    expect(await daysList.locator('li').first().textContent()).toMatch(/\d{4}-\d{2}-\d{2}: .+ min affected/);
    // The demo's SEV-1 outage (its summary was published within the commitment).
    await page
      .locator('article', { hasText: 'API and dashboard unavailable' })
      .locator('a', { hasText: 'Read the customer summary' })
      .click();
    expect(await page.locator('#h-summary').textContent()).toBe('Customer summary');
    expect(await page.locator('.commitment').textContent()).toContain('Published within our 48-hour commitment');
    await page.screenshot({ path: 'test-results/incident-360-nojs.png', fullPage: true });
    await page.goto(`${base}/history`);
    expect(await page.locator('h1').textContent()).toBe('Incident history');
    await context.close();
  });
});
