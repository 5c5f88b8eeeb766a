// The public page, the Statuspage v2 JSON, feeds and the badge answer from workerd against D1.
import { env, SELF } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import type { Db } from '../../src/db/db';
import * as schema from '../../src/db/schema';
import { createStore } from '../../src/db/store';
import { createComponent } from '../../src/services/components';
import type { Deps } from '../../src/services/deps';
import { createIncident } from '../../src/services/incidents';

const actor = { tokenId: null, label: 'workerd-test' };

function deps(): Deps {
  return {
    store: createStore(drizzle(env.DB, { schema }) as unknown as Db),
    clock: () => Date.now(),
    config: parseConfig({}),
  } as Deps;
}

const get = (path: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`https://status.example.test${path}`, { headers });

describe('public status page on workerd + D1', () => {
  it('serves the page, the v2 summary, feeds and badge, with a 304 on a matching ETag', async () => {
    const d = deps();
    const api = await createComponent({ deps: d, input: { name: 'Edge API' }, actor });
    await createIncident({
      deps: d,
      input: {
        title: 'Edge errors',
        severity: 'SEV-2',
        startedAt: Date.now() - 600_000,
        lead: { name: 'Dana' },
        components: [{ id: api.id, status: 'partial_outage' }],
      },
      actor,
    });

    const page = await get('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Partial System Outage');
    expect(html).toContain('Edge errors');
    expect(page.headers.get('set-cookie')).toBeNull();

    const summary = await get('/api/v2/summary.json');
    expect(summary.status).toBe(200);
    expect(summary.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await summary.json()) as {
      status: { indicator: string };
      components: { name: string; status: string }[];
      incidents: { name: string; impact: string }[];
    };
    expect(body.status.indicator).toBe('major');
    expect(body.components[0]).toMatchObject({ name: 'Edge API', status: 'partial_outage' });
    expect(body.incidents[0]).toMatchObject({ name: 'Edge errors', impact: 'major' });

    const etag = summary.headers.get('etag') ?? '';
    expect((await get('/api/v2/summary.json', { 'If-None-Match': etag })).status).toBe(304);

    const atom = await get('/history.atom');
    expect(atom.status).toBe(200);
    expect(await atom.text()).toContain('Edge errors');
    expect(await (await get('/badge.svg')).text()).toContain('partial outage');
  });
});
