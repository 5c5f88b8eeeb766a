// /history.atom and /history.rss read by a real feed parser.
import { parseFeed } from '@rowanmanning/feed-parser';
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
