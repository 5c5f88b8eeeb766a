// The public HTML pages in each state a visitor can meet, rendered by the real app over SQLite.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { summaryPublications, summaryVersions } from '../../src/db/schema';
import { seedPublishedSummary } from '../../src/db/store/public';
import { FAVICON } from '../../src/http/public/views/layout';
import { createWorld, type World } from '../helpers/world';
import { scenario } from './fixtures';

let w: World;
afterEach(() => w?.close());

const page = async (path = '/') => {
  const res = await w.call('GET', path);
  return res;
};
/** The page text without tags, for "what a person reads" assertions. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('home page states', () => {
  it('no components and no history: says all is well and that nothing happened', async () => {
    w = createWorld();
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text.startsWith('<!doctype html>')).toBe(true);
    const t = text(res.text);
    expect(t).toContain('All Systems Operational');
    expect(t).toContain('No components yet.');
    expect(t.match(/No incidents reported\./g)).toHaveLength(14);
  });

  it('all operational: every component says "Operational" in words and shows 100 % uptime', async () => {
    w = createWorld();
    const s = await scenario(w);
    await s.component('API');
    await s.component('Dashboard');
    w.clock.advance(3_600_000);
    const t = text((await page()).text);
    expect(t).toContain('All Systems Operational');
    expect(t.match(/Operational/g)?.length).toBeGreaterThanOrEqual(3);
    expect(t).toContain('100.00 % uptime');
  });

  it('degraded: banner, component status and the active incident with its updates newest first', async () => {
    w = createWorld();
    const s = await scenario(w);
    const api = await s.component('API');
    const id = await s.incident({
      title: 'Slow API responses',
      startedAt: '2026-11-20T11:00:00Z',
      components: [{ id: api, status: 'degraded_performance' }],
      message: 'First update',
    });
    w.clock.advance(60_000);
    await s.update(id, 'identified', 'Second update');
    const html = (await page()).text;
    const t = text(html);
    expect(t).toContain('Minor Service Outage');
    expect(t).toContain('Degraded performance');
    expect(t).toContain('Slow API responses');
    expect(t.indexOf('Second update')).toBeLessThan(t.indexOf('First update'));
    expect(html).toContain('href="#i-degraded"'); // an icon, not colour alone
  });

  it('major outage: the banner says so and the day cell carries a text tooltip', async () => {
    w = createWorld();
    const s = await scenario(w);
    const api = await s.component('API');
    await s.incident({
      title: 'API down',
      severity: 'SEV-1',
      startedAt: '2026-11-20T11:00:00Z',
      components: [{ id: api, status: 'major_outage' }],
    });
    const html = (await page()).text;
    expect(text(html)).toContain('Major System Outage');
    expect(html).toContain('title="2026-11-20: Major outage, 1 incident, 60 min"');
    expect(text(html)).toMatch(/2026-11-20\s*: Major outage, 60 min affected \(API down\)/);
    // The date in the day list is one unit: a <time>, which the stylesheet keeps from wrapping.
    expect(html).toContain('<time datetime="2026-11-20">2026-11-20</time>: Major outage');
    // Days without incidents share the bar's short title (the optional script adds each one's date from
    // data-from); days before the component existed say "No data".
    const bar = /<ol class="bar"[^>]*>(.*?)<\/ol>/.exec(html);
    expect(bar?.[0]).toContain('title="No incidents" data-from="2026-08-23"');
    expect(bar?.[1]?.match(/<li class="nd" title="No data">/g)).toHaveLength(89);
    expect(text(html)).toContain('1 day with incidents');
    expect(text(html)).toMatch(/ impact · Investigating · started /);
  });

  it('during an outage the title, favicon, description and OpenGraph/Twitter tags say so, on every page', async () => {
    w = createWorld();
    const s = await scenario(w);
    const api = await s.component('API');
    const calm = (await page()).text;
    expect(calm).toContain('<title>Afterword status</title>');
    expect(calm).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    const id = await s.incident({
      title: 'API down',
      severity: 'SEV-1',
      startedAt: '2026-11-20T11:00:00Z',
      components: [{ id: api, status: 'major_outage' }],
      message: 'We are looking into failed requests.',
    });
    const home = (await page()).text;
    expect(home).toContain('<title>Major System Outage · Afterword status</title>');
    expect(home).toContain('href="/favicon-critical.svg"');
    expect(home).toContain('<meta property="og:title" content="Major System Outage · Afterword status"/>');
    expect(home).toContain('<meta property="og:url" content="https://status.example.test/"/>');
    expect(home).toMatch(/<meta name="description" content="Major System Outage as of [^"]+Active incident: API down/);
    expect(home).toMatch(/<meta property="og:description" content="Major System Outage as of [^"]+API down/);
    expect(home).toContain('<meta name="twitter:card" content="summary"/>');
    const inc = (await page(`/incidents/${id}`)).text;
    expect(inc).toContain('<title>Major System Outage · API down · Afterword status</title>');
    expect(inc).toContain('href="/favicon-critical.svg"');
    expect(inc).toContain(`<meta property="og:url" content="https://status.example.test/incidents/${id}"/>`);
    expect(inc).toContain(
      '<meta name="twitter:description" content="Critical impact, investigating. Started 2026-11-20 11:00 UTC. We are looking into failed requests."/>',
    );
    for (const path of ['/history', '/no/such/page', '/history?month=bad']) {
      const body = (await page(path)).text;
      expect(body, path).toMatch(/<title>Major System Outage · [^<]+<\/title>/);
      expect(body, path).toContain('href="/favicon-critical.svg"');
      expect(body, path).toMatch(/<meta property="og:description" content="[^"]+"\/>/);
      expect(body, path).toMatch(/<meta name="description" content="[^"]+"\/>/);
      // The way to subscribe is on every page.
      expect(body, path).toMatch(/<a class="subscribe" href="\/subscribe">\s*Subscribe to updates\s*<\/a>/);
    }
  });

  it('a young component: "no data" before it existed, uptime since its creation, and a legend for every colour', async () => {
    w = createWorld();
    const s = await scenario(w);
    w.clock.set('2026-11-10T12:00:00Z');
    const api = await s.component('API');
    w.clock.set('2026-11-20T12:00:00Z');
    const id = await s.incident({
      title: 'API down',
      startedAt: '2026-11-15T00:00:00Z',
      components: [{ id: api, status: 'major_outage' }],
    });
    await s.resolve(id, '2026-11-16T00:00:00Z');
    const html = (await page()).text;
    const t = text(html);
    expect(t).toMatch(/90\.00 % uptime since 2026-11-10/);
    const bar = /<ol class="bar"[^>]*>(.*?)<\/ol>/.exec(html)?.[1] ?? '';
    expect(bar.match(/<li class="nd" title="No data">/g)).toHaveLength(79);
    for (const words of [
      'No incidents',
      'Degraded performance',
      'Partial outage',
      'Major outage',
      'Under maintenance',
      'No data (before the component existed)',
    ]) {
      expect(t).toContain(words);
    }
    expect(html.match(/<span class="key[^"]*" aria-hidden="true"><\/span>/g)).toHaveLength(6);
  });

  it('every state has its favicon file in public/', () => {
    for (const href of Object.values(FAVICON)) {
      const svg = readFileSync(`public${href}`, 'utf8');
      expect(svg, href).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('maintenance in progress and upcoming', async () => {
    w = createWorld();
    const s = await scenario(w);
    const db = await s.component('Database');
    await s.maintenance({
      title: 'Database upgrade',
      scheduledFor: '2026-11-20T11:30:00Z',
      scheduledUntil: '2026-11-20T13:00:00Z',
      components: [db],
    });
    await s.maintenance({
      title: 'Network work',
      scheduledFor: '2026-11-22T01:00:00Z',
      scheduledUntil: '2026-11-22T02:00:00Z',
    });
    const t = text((await page()).text);
    expect(t).toContain('Service Under Maintenance');
    expect(t).toContain('Maintenance in progress');
    expect(t).toContain('Under maintenance');
    expect(t).toContain('Scheduled maintenance');
    expect(t).toContain('Network work');
  });

  it('several open incidents, grouped components folded open when degraded', async () => {
    w = createWorld();
    const s = await scenario(w);
    const g = await s.group('Platform');
    const api = await s.component('API', { groupId: g });
    const web = await s.component('Web', { groupId: g });
    await s.component('Quiet', { groupId: await s.group('Other') });
    await s.incident({
      title: 'One',
      startedAt: '2026-11-20T10:00:00Z',
      components: [{ id: api, status: 'partial_outage' }],
    });
    await s.incident({
      title: 'Two',
      startedAt: '2026-11-20T11:00:00Z',
      components: [{ id: web, status: 'degraded_performance' }],
    });
    const html = (await page()).text;
    expect(text(html)).toContain('Active incidents (2)');
    expect(html).toMatch(/<details open="">\s*<summary><span class="component-name">Platform/);
    expect(html).toMatch(/<details>\s*<summary><span class="component-name">Other/);
  });

  it('past incidents of the last 14 days are listed by day', async () => {
    w = createWorld();
    const s = await scenario(w);
    const id = await s.incident({ title: 'Yesterday thing', startedAt: '2026-11-19T08:00:00Z' });
    await s.resolve(id, '2026-11-19T09:00:00Z');
    const t = text((await page()).text);
    expect(t).toMatch(/2026-11-19 Yesterday thing/);
  });
});

describe('what stays off the public page', () => {
  it('SEV-3 incidents are hidden unless marked public; the lead, email and webhook never show', async () => {
    w = createWorld();
    const s = await scenario(w);
    const api = await s.component('API');
    const lead = {
      name: 'Secret Lead',
      email: 'lead@internal.example',
      webhookUrl: 'https://hooks.internal.example/x',
    };
    await s.incident({ title: 'Caught early', severity: 'SEV-3', startedAt: '2026-11-20T11:00:00Z', lead });
    await s.incident({
      title: 'Shared on purpose',
      severity: 'SEV-3',
      public: true,
      startedAt: '2026-11-20T11:00:00Z',
      lead,
    });
    await s.incident({
      title: 'Private SEV-1',
      severity: 'SEV-1',
      public: false,
      startedAt: '2026-11-20T11:00:00Z',
      components: [{ id: api, status: 'degraded_performance' }],
      lead,
    });
    for (const path of [
      '/',
      '/api/v2/summary.json',
      '/api/v2/incidents.json',
      '/history.atom',
      '/history.rss',
      '/history',
    ]) {
      const body = (await page(path)).text;
      expect(body, path).not.toContain('Caught early');
      expect(body, path).not.toContain('Private SEV-1');
      expect(body, path).not.toContain('Secret Lead');
      expect(body, path).not.toContain('internal.example');
      expect(body, path).toContain('Shared on purpose');
    }
  });

  it('a private incident leaves the component statuses, the banner, the badge and /api/v2 alone', async () => {
    w = createWorld();
    const s = await scenario(w);
    const api = await s.component('API');
    const web = await s.component('Web');
    const secret = await s.incident({
      title: 'Caught early',
      severity: 'SEV-3',
      startedAt: '2026-11-20T11:00:00Z',
      components: [
        { id: api, status: 'major_outage' },
        { id: web, status: 'major_outage' },
      ],
    });
    const quiet = async () => {
      const t = text((await page()).text);
      expect(t).toContain('All Systems Operational');
      expect(t).toMatch(/API Operational .* Web Operational /);
      expect(t).not.toContain('Major System Outage');
      expect((await page('/badge.svg')).text).toContain('aria-label="status: operational"');
      const v2 = (await page('/api/v2/summary.json')).json;
      expect(v2.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
      expect(v2.components.map((c: { status: string }) => c.status)).toEqual(['operational', 'operational']);
      expect((await page('/api/v2/components.json')).json.components[0].status).toBe('operational');
    };
    await quiet();
    // A public incident on one of them shows what it reports, and only on that component.
    const shared = await s.incident({
      title: 'Slow web',
      startedAt: '2026-11-20T11:05:00Z',
      components: [{ id: web, status: 'degraded_performance' }],
    });
    const v2 = (await page('/api/v2/summary.json')).json;
    expect(v2.status.indicator).toBe('minor');
    expect(v2.components.map((c: { status: string }) => c.status)).toEqual(['operational', 'degraded_performance']);
    await s.resolve(shared);
    await quiet();
    // The same incident made public explains the outage, so it shows.
    const token = s.token;
    expect((await w.call('PATCH', `/api/v1/incidents/${secret}`, { token, body: { public: true } })).status).toBe(200);
    expect(text((await page()).text)).toContain('Major System Outage');
    // Resolved, everything is operational again; an operator's own status still shows.
    await s.resolve(secret);
    expect(
      (await w.call('PATCH', `/api/v1/components/${api}`, { token, body: { status: 'partial_outage' } })).status,
    ).toBe(200);
    expect((await page('/api/v2/status.json')).json.status.indicator).toBe('major');
  });

  it('a private incident page is a 404', async () => {
    w = createWorld();
    const s = await scenario(w);
    const id = await s.incident({ title: 'Caught early', severity: 'SEV-3', startedAt: '2026-11-20T11:00:00Z' });
    const res = await page(`/incidents/${id}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Caught early');
  });
});

describe('/incidents/:id', () => {
  it('shows the timeline, the affected components, the published summary and that it met the 48-hour commitment', async () => {
    w = createWorld();
    const s = await scenario(w);
    const api = await s.component('API');
    const id = await s.incident({
      title: 'API outage',
      severity: 'SEV-1',
      startedAt: '2026-11-18T10:00:00Z',
      components: [{ id: api, status: 'major_outage' }],
    });
    await s.resolve(id, '2026-11-18T11:30:00Z');
    let t = text((await page(`/incidents/${id}`)).text);
    expect(t).toContain('No customer summary has been published');
    expect(t).toContain('due by 2026-11-20 10:00 UTC');
    await seedPublishedSummary(w.deps.store.db, {
      incidentId: id,
      markdown: '## What happened\n\nA bad deploy. <script>alert(1)</script>',
      publishedAt: Date.parse('2026-11-19T10:00:00Z'),
      words: 5,
      audit: {
        actor: { tokenId: null, label: 'test' },
        action: 'summary.publish',
        targetType: 'incident',
        targetId: id,
        at: Date.parse('2026-11-19T10:00:00Z'),
      },
    });
    const html = (await page(`/incidents/${id}`)).text;
    t = text(html);
    expect(t).toContain('Affected: API');
    expect(t).toContain('lasted 1 h 30 min');
    expect(html).toContain('<h2>What happened</h2>');
    expect(html).not.toContain('<script>alert');
    expect(t).toContain('Published within our 48-hour commitment');
    expect(t).toMatch(/First published 2026-11-19 10:00 UTC\s*\./);
  });

  it('says so when the summary came after the commitment', async () => {
    w = createWorld();
    const s = await scenario(w);
    const id = await s.incident({ title: 'Late one', severity: 'SEV-1', startedAt: '2026-11-10T00:00:00Z' });
    await s.resolve(id, '2026-11-10T01:00:00Z');
    const publishedAt = Date.parse('2026-11-13T00:00:00Z');
    await seedPublishedSummary(w.deps.store.db, {
      incidentId: id,
      markdown: 'Sorry.',
      publishedAt,
      words: 1,
      audit: {
        actor: { tokenId: null, label: 'test' },
        action: 'summary.publish',
        targetType: 'incident',
        targetId: id,
        at: publishedAt,
      },
    });
    expect(text((await page(`/incidents/${id}`)).text)).toMatch(/Published after our 48-hour commitment\s*, 24 h late/);
  });

  it('a revised summary shows its first publication, judges the commitment by it and never says "revision"', async () => {
    w = createWorld();
    const s = await scenario(w);
    const id = await s.incident({ title: 'Revised one', severity: 'SEV-1', startedAt: '2026-11-10T00:00:00Z' });
    await s.resolve(id, '2026-11-10T01:00:00Z');
    const audit = (at: number) => ({
      actor: { tokenId: null, label: 'test' },
      action: 'summary.publish',
      targetType: 'incident',
      targetId: id,
      at,
    });
    const first = Date.parse('2026-11-11T00:00:00Z');
    await seedPublishedSummary(w.deps.store.db, {
      incidentId: id,
      markdown: 'First words.',
      publishedAt: first,
      words: 2,
      audit: audit(first),
    });
    // A correction published five days after the incident began.
    const later = Date.parse('2026-11-15T00:00:00Z');
    const db = w.deps.store.db;
    await db.insert(summaryVersions).values({
      id: 'sumv_revised',
      incidentId: id,
      version: 2,
      markdown: 'Corrected words.',
      ok: true,
      words: 2,
      findings: [],
      createdAt: later,
      createdBy: 'test',
    });
    await db.insert(summaryPublications).values({
      id: 'sump_revised',
      incidentId: id,
      version: 2,
      summaryVersionId: 'sumv_revised',
      publishedAt: later,
      publishedBy: 'test',
    });
    const t = text((await page(`/incidents/${id}`)).text);
    expect(t).toContain('Corrected words.');
    expect(t).toMatch(/First published 2026-11-11 00:00 UTC\s*, last updated 2026-11-15 00:00 UTC\s*\./);
    expect(t).toContain('Published within our 48-hour commitment (24 h after the incident began)');
    expect(t).not.toMatch(/revision|version 2/i);
  });

  it('an unknown id is a branded 404 page', async () => {
    w = createWorld();
    const res = await page('/incidents/nope');
    expect(res.status).toBe(404);
    expect(res.text).toContain('There is no public incident at this address.');
  });
});

describe('/history', () => {
  it('opens on the newest month with incidents; month links go older to the left, newer to the right', async () => {
    w = createWorld();
    const s = await scenario(w);
    const a = await s.incident({ title: 'October thing', startedAt: '2026-10-05T08:00:00Z' });
    await s.resolve(a, '2026-10-05T09:00:00Z');
    const b = await s.incident({ title: 'August thing', startedAt: '2026-08-05T08:00:00Z' });
    await s.resolve(b, '2026-08-05T09:00:00Z');
    // November (now) is empty: the page opens on October, where the newest incident is.
    const opened = await page('/history');
    expect(opened.status).toBe(200);
    expect(text(opened.text)).toContain('October thing');
    expect(opened.text).toContain('<title>Incident history, October 2026 · Afterword status</title>');
    const nav = /<nav class="pager"[^>]*>(.*?)<\/nav>/s.exec(opened.text)?.[1] ?? '';
    const older = nav.indexOf('href="/history?month=2026-09"');
    const newer = nav.indexOf('href="/history?month=2026-11"');
    expect(older).toBeGreaterThan(-1);
    expect(newer).toBeGreaterThan(older);
    expect(text(nav)).toMatch(/← Older: September 2026 October 2026 Newer: November 2026 →/);
    expect(nav).toMatch(/href="\/history\?month=2026-09" rel="prev"/);
    expect(nav).toMatch(/href="\/history\?month=2026-11" rel="next"/);

    const now = await page('/history?month=2026-11');
    expect(text(now.text)).toContain('No incidents reported in November 2026');
    expect(now.text).not.toContain('month=2026-12');
    const oct = await page('/history?month=2026-10');
    expect(text(oct.text)).toContain('October thing');
    expect(text(oct.text)).not.toContain('August thing');
    const aug = await page('/history?month=2026-08');
    expect(aug.text).not.toContain('month=2026-07'); // nothing older
  });

  it('with no incidents at all, opens on the current month', async () => {
    w = createWorld();
    const t = text((await page('/history')).text);
    expect(t).toContain('No incidents reported in November 2026');
    expect(t).toContain('November 2026 (this month)');
  });

  it('filters by component and impact; month links keep the filter', async () => {
    w = createWorld();
    const s = await scenario(w);
    const api = await s.component('API');
    const web = await s.component('Web');
    const one = await s.incident({
      title: 'API down',
      startedAt: '2026-09-03T08:00:00Z',
      components: [{ id: api, status: 'major_outage' }],
    });
    const two = await s.incident({
      title: 'Web slow',
      startedAt: '2026-10-04T08:00:00Z',
      components: [{ id: web, status: 'degraded_performance' }],
    });
    const three = await s.incident({
      title: 'API slow',
      startedAt: '2026-09-20T08:00:00Z',
      components: [{ id: api, status: 'degraded_performance' }],
    });
    for (const id of [one, two, three]) await s.resolve(id);

    // The form lists the components and impacts, and works without a script (a GET form).
    const all = (await page('/history')).text;
    expect(all).toMatch(/<form class="filters" method="get" action="\/history">/);
    expect(all).toContain(`<option value="${api}">API</option>`);
    expect(all).toContain('<option value="critical">Critical</option>');

    // Only API: opens on September (API's newest incident), not October.
    const apiOnly = await page(`/history?component=${api}`);
    let t = text(apiOnly.text);
    expect(t).toContain('API down');
    expect(t).toContain('API slow');
    expect(t).not.toContain('Web slow');
    expect(apiOnly.text).toContain(`<option value="${api}" selected="">API</option>`);
    expect(apiOnly.text).toContain(`href="/history?month=2026-10&amp;component=${api}"`);

    t = text((await page(`/history?month=2026-09&component=${api}&severity=critical`)).text);
    expect(t).toContain('API down');
    expect(t).not.toContain('API slow');
    t = text((await page('/history?month=2026-10&severity=critical')).text);
    expect(t).toContain('No incidents with critical impact reported in October 2026');
    // An empty choice in the form means "all".
    t = text((await page('/history?component=&severity=')).text);
    expect(t).toContain('Web slow');

    const unknown = await page('/history?component=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
  });

  it('a bad month or impact is a branded HTML page with 400, not JSON', async () => {
    w = createWorld();
    for (const path of ['/history?month=last', '/history?month=2026-13', '/history?severity=SEV-9']) {
      const res = await page(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(res.text.startsWith('<!doctype html>'), path).toBe(true);
      expect(res.text, path).toContain('<a class="brand" href="/">');
      expect(text(res.text), path).toContain('Current status: All Systems Operational');
    }
  });
});

describe('unknown addresses', () => {
  it('an unknown page is a branded HTML 404; an unknown API path stays problem+json', async () => {
    w = createWorld();
    const res = await page('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('<title>Not found · Afterword status</title>');
    expect(text(res.text)).toContain('There is no page at this address.');
    for (const path of ['/api/v1/nope', '/api/v2/nope.json', '/api/nope']) {
      const api = await page(path);
      expect(api.status, path).toBeGreaterThanOrEqual(400);
      expect(api.headers.get('content-type'), path).toContain('application/problem+json');
    }
  });
});

describe('/badge.svg', () => {
  it('is an SVG that says the status in words', async () => {
    w = createWorld();
    const s = await scenario(w);
    const api = await s.component('API');
    expect((await page('/badge.svg')).text).toContain('aria-label="status: operational"');
    await s.incident({
      title: 'x',
      startedAt: '2026-11-20T11:00:00Z',
      components: [{ id: api, status: 'major_outage' }],
    });
    const res = await page('/badge.svg');
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.text).toContain('<title>status: major outage</title>');
  });
});

describe('branding', () => {
  it('uses the page settings: name, logo, brand colour and footer links', async () => {
    w = createWorld();
    const token = await w.token('admin');
    const put = await w.call('PUT', '/api/v1/settings/page', {
      token,
      body: {
        name: 'Acme Cloud',
        logoUrl: '/logo.svg',
        brandColor: '#AA3300',
        footerLinks: [{ label: 'Support', url: 'mailto:help@acme.example' }],
      },
    });
    expect(put.status).toBe(200);
    const html = (await page()).text;
    expect(html).toContain('<title>Acme Cloud status</title>');
    expect(html).toContain('<img src="/logo.svg" alt="Acme Cloud"');
    expect(html).toContain('--brand:#aa3300');
    expect(html).toContain('href="mailto:help@acme.example"');
  });
});
