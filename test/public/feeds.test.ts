// /history.atom and /history.rss read by a real feed parser and by a strict XML 1.0 parser (saxes);
// /maintenance.ics as RFC 5545 lays it out.
import { parseFeed } from '@rowanmanning/feed-parser';
import { SaxesParser } from 'saxes';
import { afterEach, describe, expect, it } from 'vitest';
import { seedPublishedSummary } from '../../src/db/store/public';
import { createWorld, type World } from '../helpers/world';
import { scenario } from './fixtures';

let w: World;
afterEach(() => w?.close());

describe('feeds', () => {
  it.each([
    ['/history.atom', 'application/atom+xml'],
    ['/history.rss', 'application/rss+xml'],
  ])('%s lists public incidents with their updates and published summary', async (path, type) => {
    w = createWorld();
    const s = await scenario(w);
    const id = await s.incident({
      title: 'Login <errors> & timeouts',
      severity: 'SEV-1',
      startedAt: '2026-11-19T10:00:00Z',
    });
    await s.update(id, 'identified', 'Found the cause.');
    await s.resolve(id, '2026-11-19T11:00:00Z');
    await s.incident({ title: 'Hidden', severity: 'SEV-3', startedAt: '2026-11-19T10:00:00Z' });
    await seedPublishedSummary(w.deps.store.db, {
      incidentId: id,
      markdown: '## What happened\n\nA certificate expired.',
      publishedAt: Date.parse('2026-11-20T09:00:00Z'),
      words: 5,
      audit: {
        actor: { tokenId: null, label: 't' },
        action: 'summary.publish',
        targetType: 'incident',
        targetId: id,
        at: 1,
      },
    });
    const res = await w.call('GET', path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    strictXml(res.text);
    const feed = parseFeed(res.text);
    expect(feed.title).toContain('incident history');
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    expect(item?.title).toContain('Login <errors> & timeouts');
    expect(item?.url).toBe(`https://status.example.test/incidents/${id}`);
    expect(item?.content).toContain('Found the cause.');
    expect(item?.content).toContain('A certificate expired.');
  });
});

/** A strict XML 1.0 parser: any well-formedness error (a control character, a stray `&`) throws. */
function strictXml(text: string): { root: string; elements: Map<string, string[]> } {
  const parser = new SaxesParser({ xmlns: true });
  const elements = new Map<string, string[]>();
  const stack: string[] = [];
  let root = '';
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    if (stack.length === 0) root = tag.local ?? tag.name;
    stack.push(tag.name);
    elements.set(tag.name, [...(elements.get(tag.name) ?? []), '']);
  });
  parser.on('text', (t) => {
    const name = stack.at(-1);
    if (name === undefined) return;
    const list = elements.get(name) ?? [];
    list[list.length - 1] = (list.at(-1) ?? '') + t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(text).close();
  if (error) throw error;
  return { root, elements };
}

describe('feeds: strict XML, maintenance, ?component= and the maintenance calendar', () => {
  it('a title with a terminal escape (ESC[31m) and other controls still gives well-formed XML', async () => {
    w = createWorld();
    const s = await scenario(w);
    const id = await s.incident({ title: 'Login errors', startedAt: '2026-11-19T10:00:00Z' });
    await s.update(id, 'identified', 'Found the cause.');
    // Written past the API (which refuses control characters): the writer must not trust its input.
    w.handle.sqlite
      .prepare('UPDATE incidents SET title = ? WHERE id = ?')
      .run('Login errors \u001b[31m & <red>\u0000\ufffe', id);
    w.handle.sqlite.prepare('UPDATE incident_updates SET body = ? WHERE incident_id = ?').run('bell \u0007 end', id);
    for (const path of ['/history.atom', '/history.rss']) {
      const res = await w.call('GET', path);
      expect(res.status).toBe(200);
      const xml = strictXml(res.text);
      expect(xml.root).toBe(path.endsWith('.atom') ? 'feed' : 'rss');
      const titles = xml.elements.get('title') ?? [];
      expect(titles.some((t) => t.startsWith('Login errors [31m & <red>'))).toBe(true);
      expect(parseFeed(res.text).items[0]?.content).toContain('bell  end');
    }
  });

  it('lists scheduled maintenance, filters by ?component= (component or group), 404 for an unknown id', async () => {
    w = createWorld();
    const s = await scenario(w);
    const group = await s.group('Data');
    const db = await s.component('Database', { groupId: group });
    const api = await s.component('API');
    await s.incident({
      title: 'Slow queries',
      startedAt: '2026-11-19T10:00:00Z',
      components: [{ id: db, status: 'degraded_performance' }],
    });
    await s.incident({
      title: 'API errors',
      startedAt: '2026-11-19T12:00:00Z',
      components: [{ id: api, status: 'partial_outage' }],
    });
    await s.maintenance({
      title: 'Database upgrade',
      scheduledFor: '2026-11-21T01:00:00Z',
      scheduledUntil: '2026-11-21T03:00:00Z',
      components: [db],
    });
    for (const path of ['/history.atom', '/history.rss']) {
      const all = parseFeed((await w.call('GET', path)).text).items.map((i) => i.title ?? '');
      expect(all.some((t) => t.includes('Slow queries'))).toBe(true);
      expect(all.some((t) => t.includes('API errors'))).toBe(true);
      expect(all.some((t) => t.startsWith('Scheduled maintenance: Database upgrade'))).toBe(true);
      for (const scope of [db, group]) {
        const res = await w.call('GET', `${path}?component=${scope}`);
        strictXml(res.text);
        const titles = parseFeed(res.text).items.map((i) => i.title ?? '');
        expect(titles.some((t) => t.includes('Slow queries'))).toBe(true);
        expect(titles.some((t) => t.includes('Database upgrade'))).toBe(true);
        expect(titles.some((t) => t.includes('API errors'))).toBe(false);
      }
      const apiOnly = parseFeed((await w.call('GET', `${path}?component=${api}`)).text).items.map((i) => i.title ?? '');
      expect(apiOnly).toHaveLength(1);
      expect(apiOnly[0]).toContain('API errors');
      expect((await w.call('GET', `${path}?component=nope`)).status).toBe(404);
    }
  });

  it('/maintenance.ics lists upcoming and in-progress windows (RFC 5545), per component too', async () => {
    w = createWorld();
    const s = await scenario(w);
    const db = await s.component('Database');
    const api = await s.component('API');
    await s.maintenance({
      title: 'Database upgrade; phase 1, part A',
      body: 'Writes pause\nfor two minutes.',
      scheduledFor: '2026-11-21T01:00:00Z',
      scheduledUntil: '2026-11-21T03:00:00Z',
      components: [db],
    });
    await s.maintenance({
      title: 'API deploy window',
      scheduledFor: '2026-11-20T11:00:00Z',
      scheduledUntil: '2026-11-20T13:00:00Z',
      components: [api],
    });
    await s.maintenance({
      title: 'Old window',
      scheduledFor: '2026-11-10T11:00:00Z',
      scheduledUntil: '2026-11-10T13:00:00Z',
      components: [api],
    });
    const res = await w.call('GET', '/maintenance.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const text = res.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).byteLength).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Maintenance: Database upgrade\\; phase 1\\, part A');
    expect(unfolded).toContain('DESCRIPTION:Writes pause\\nfor two minutes.\\n\\nAffected: Database');
    expect(unfolded).toContain('DTSTART:20261121T010000Z');
    expect(unfolded).toContain('DTEND:20261121T030000Z');
    expect(unfolded).toContain('SUMMARY:Maintenance: API deploy window'); // in progress at 12:00
    expect(unfolded).not.toContain('Old window');
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    const dbOnly = (await w.call('GET', `/maintenance.ics?component=${db}`)).text;
    expect(dbOnly.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(dbOnly).toContain('Database upgrade');
  });
});

describe('control characters in public text', () => {
  it('titles, names and bodies with C0 controls (but tab and newline) are refused with a 422 naming the field', async () => {
    w = createWorld();
    const s = await scenario(w);
    const token = s.token;
    const cases: [string, string, Record<string, unknown>, string][] = [
      [
        'POST',
        '/api/v1/incidents',
        {
          title: 'Login errors \u001b[31m',
          severity: 'SEV-2',
          lead: { name: 'Dana' },
          startedAt: '2026-11-20T11:00:00Z',
        },
        'title',
      ],
      ['POST', '/api/v1/components', { name: 'API\u0000' }, 'name'],
      [
        'POST',
        '/api/v1/maintenances',
        {
          title: 'Upgrade',
          body: 'bell\u0007',
          scheduledFor: '2026-11-21T01:00:00Z',
          scheduledUntil: '2026-11-21T02:00:00Z',
        },
        'body',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await w.call(method, path, { token, body });
      expect(res.status, path).toBe(422);
      expect(JSON.stringify(res.json)).toContain(field);
      expect(JSON.stringify(res.json)).toContain('control characters');
    }
    const id = await s.incident({ title: 'Fine', startedAt: '2026-11-20T11:00:00Z' });
    const update = await w.call('POST', `/api/v1/incidents/${id}/updates`, {
      token,
      body: { status: 'identified', body: 'line one\n\tline two\u001b' },
    });
    expect(update.status).toBe(422);
    expect(JSON.stringify(update.json)).toContain('body');
    // Tab and line breaks are text, CRLF line endings included (a writer on Windows).
    const ok = await w.call('POST', `/api/v1/incidents/${id}/updates`, {
      token,
      body: { status: 'identified', body: 'line one\n\tline two\r\nline three' },
    });
    expect(ok.status).toBe(201);
    const atom = await w.app.request('/history.atom');
    expect(atom.status).toBe(200);
    strictXml(await atom.text());
    // Nothing was written by the refused requests.
    const list = await w.call('GET', '/api/v1/components', { token });
    expect(JSON.stringify(list.json)).not.toContain('API\\u0000');
  });
});
