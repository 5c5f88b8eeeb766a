// /subscribe in headless Chromium: 360 px and 1280 px, light and dark, axe-core WCAG 2.1 AA, and a
// sign-up that works with JavaScript disabled. Screenshots land in test-results/.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../helpers/browser';
import { createWorld, type World } from '../helpers/world';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe.skipIf(!existsSync(CHROMIUM))('/subscribe in Chromium', () => {
  let world: World;
  let server: ReturnType<typeof serve>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    world = createWorld();
    world.app.use('/*', serveStatic({ root: './public' }));
    const admin = await world.token('admin');
    const group = await world.call('POST', '/api/v1/component-groups', { token: admin, body: { name: 'Payments' } });
    for (const name of ['Checkout', 'Card processing with a rather long component name']) {
      await world.call('POST', '/api/v1/components', { token: admin, body: { name, groupId: group.json.id } });
    }
    await world.call('POST', '/api/v1/components', { token: admin, body: { name: 'Search' } });
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

  for (const width of [360, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`renders at ${width} px in ${scheme} mode with no WCAG 2.1 AA violations`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        const res = await page.goto(`${base}/subscribe`);
        expect(res?.status()).toBe(200);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/subscribe-${width}-${scheme}.png`, fullPage: true });
        await page.addScriptTag({ path: AXE });
        const results = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<any> } }).axe;
          return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        });
        const violations = results.violations.map(
          (v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`,
        );
        expect(violations).toEqual([]);
        await context.close();
      });
    }
  }

  it('signs up with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/subscribe`);
    await page.fill('#email', 'nojs@example.com');
    await page.locator('form').first().getByLabel('Search').check();
    await page.getByRole('button', { name: 'Subscribe' }).first().click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');
    await page.screenshot({ path: 'test-results/subscribe-360-nojs-done.png', fullPage: true });
    const row = world.handle.sqlite
      .prepare("select status, everything from subscribers where address = 'nojs@example.com'")
      .get();
    expect(row).toEqual({ status: 'pending', everything: 0 });
    await context.close();
  });
});
