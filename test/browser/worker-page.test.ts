// The Worker as a visitor meets it: `wrangler dev` (local workerd + local D1, migrated by wrangler,
// holding the demo data) opened in headless Chromium, which sends `Accept-Encoding: gzip, deflate, br`
// and decodes once, as every browser does. A body compressed twice (the runtime gzipping stored gzip
// bytes again) shows as noise here: no status banner, JSON that does not parse, a feed that is not XML.
// Screenshots land in test-results/ for a person to look at.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from '../helpers/browser';
import { createWorld } from '../helpers/world';
import { demoSql, startWranglerDev, type WranglerDev } from '../helpers/wrangler-dev';

const required = process.env.AFTERWORD_REQUIRE_BROWSER === '1';

describe('Worker browser prerequisites', () => {
  it('Chromium is installed, or the run does not require it (CI sets AFTERWORD_REQUIRE_BROWSER=1)', () => {
    expect(hasChromium || !required, `${CHROMIUM} must exist when AFTERWORD_REQUIRE_BROWSER=1`).toBe(true);
  });
});

describe.skipIf(!hasChromium)('the Worker under wrangler dev, in Chromium', () => {
  let worker: WranglerDev;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    const seeded = await demoSql({ pastIncidents: 12, historyDays: 60, openIncidents: 2, adminToken: true });
    const sql = seeded.sql;
    token = seeded.token;
    [worker, browser] = await Promise.all([startWranglerDev(sql), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    mkdirSync('test-results', { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  }, 60_000);

  /** Fetched by the page itself: the browser's own Accept-Encoding and decoding. */
  const inBrowser = (path: string) =>
    page.evaluate(async (p) => {
      const res = await fetch(p, { cache: 'no-store' });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    }, path);

  it('shows the status page with its banner, twice (rendered, then from the cache)', { timeout: 60_000 }, async () => {
    for (const round of [1, 2]) {
      const res = await page.goto(`${worker.url}/`);
      expect(res?.status()).toBe(200);
      expect(res?.headers()['content-encoding']).toBe('gzip');
      await expect(page.locator('section.banner h1#overall').textContent()).resolves.toBe('Partial System Outage');
      expect(await page.locator('li.component').count()).toBeGreaterThan(3);
      if (round === 1) await page.screenshot({ path: 'test-results/worker-status-page.png', fullPage: true });
    }
  });

  // The Worker bundle leaves out hono/jsx's document-metadata components (wrangler.toml [alias]):
  // every page's <head> must hold the same elements, in the same order, as the Node server's.
  it("renders each page's <head> as the Node server does, and no metadata element outside it", {
    timeout: 60_000,
  }, async () => {
    // Each element of the head with the attributes that say what it is (URLs and texts differ by data).
    const tags = (html: string) =>
      [...(/<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? '').matchAll(/<(\w+)([^>]*)>/g)].map(([, tag, attrs]) =>
        [tag, ...[...(attrs ?? '').matchAll(/\b(name|property|rel|charset|src)="([^"]*)"/g)].map((m) => m[0])].join(
          ' ',
        ),
      );
    const node = createWorld();
    for (const path of ['/', '/history', '/admin']) {
      const worker = await inBrowser(path);
      const nodeHtml = await (await node.app.request(path)).text();
      expect(tags(worker.text), path).toEqual(tags(nodeHtml));
      expect(tags(worker.text).length, path).toBeGreaterThan(4);
      const body = worker.text.slice(worker.text.indexOf('</head>'));
      expect(body, path).not.toMatch(/<(?:title|meta|link)[\s>]/);
    }
  });

  it('parses the Statuspage v2 summary and opens an incident page from it', { timeout: 60_000 }, async () => {
    const r = await inBrowser('/api/v2/summary.json');
    expect(r.status).toBe(200);
    const summary = JSON.parse(r.text) as { status: { indicator: string }; incidents: { id: string; name: string }[] };
    expect(summary.status.indicator).toBe('major');
    const incident = summary.incidents[0];
    expect(incident).toBeDefined();

    const res = await page.goto(`${worker.url}/incidents/${incident?.id}`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').first().textContent()).toBe(incident?.name);
    await page.screenshot({ path: 'test-results/worker-incident.png', fullPage: true });
  });

  it('shows the history page', { timeout: 60_000 }, async () => {
    const res = await page.goto(`${worker.url}/history`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').first().textContent()).toBe('Incident history');
    await page.screenshot({ path: 'test-results/worker-history.png' });
  });

  it("resolves a problem answer's type to its page (a static asset on Workers)", { timeout: 60_000 }, async () => {
    const problem = await inBrowser('/api/v1/tokens');
    expect(problem.status).toBe(401);
    const { type, title } = JSON.parse(problem.text) as { type: string; title: string };
    const res = await page.goto(`${worker.url}${type}`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toContain('text/html');
    expect(await page.locator('h1').textContent()).toBe(title);
    expect((await page.goto(`${worker.url}/problems/no_such_code`))?.status()).toBe(404);
  });

  it('takes writes through the API (the bundle as wrangler builds it) and shows them on the next view', {
    timeout: 60_000,
  }, async () => {
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${worker.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const created = await api('POST', '/api/v1/incidents', {
      title: 'Slow dashboard loads',
      severity: 'SEV-2',
      startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      lead: { name: 'On-call lead' },
      message: 'Dashboards load slowly for some customers. We are looking into it.',
    });
    expect(created.status).toBe(201);
    const incident = (await created.json()) as { id: string };
    const update = await api('POST', `/api/v1/incidents/${incident.id}/updates`, {
      status: 'identified',
      body: 'We found the cause and are rolling out a fix.',
    });
    expect(update.status).toBe(201);
    const listed = await api('GET', `/api/v1/incidents/${incident.id}/updates`);
    expect(listed.status).toBe(200);

    await page.goto(`${worker.url}/`);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByText('Slow dashboard loads').count();
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await page.goto(`${worker.url}/incidents/${incident.id}`);
    expect(await page.getByText('We found the cause and are rolling out a fix.').count()).toBe(1);
  });

  it('serves feeds that parse as XML in the browser', { timeout: 60_000 }, async () => {
    for (const [path, root] of [
      ['/history.atom', 'feed'],
      ['/history.rss', 'rss'],
    ] as const) {
      const r = await inBrowser(path);
      expect(r.status).toBe(200);
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return {
          error: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null,
          root: doc.documentElement.localName,
          entries: doc.querySelectorAll('entry, item').length,
        };
      }, r.text);
      expect(parsed.error).toBeNull();
      expect(parsed.root).toBe(root);
      expect(parsed.entries).toBeGreaterThan(0);
    }
  });
});
