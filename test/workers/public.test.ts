// The public page, the Statuspage v2 JSON, feeds and the badge answer from workerd against D1.
import { describe, expect, it } from 'vitest';
import { createComponent } from '../../src/services/components';
import { createIncident } from '../../src/services/incidents';
import { browse, d1Deps } from './d1';

const actor = { tokenId: null, label: 'workerd-test' };

const deps = d1Deps;

const get = (path: string, headers: Record<string, string> = {}) => browse(path, headers);

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
