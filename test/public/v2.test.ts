// /api/v2/*.json against the Statuspage v2 public API: field names, nesting, enums, CORS.
import { afterEach, describe, expect, it } from 'vitest';
import { seedPublishedSummary } from '../../src/db/store/public';
import { createWorld, type World } from '../helpers/world';
import { scenario } from './fixtures';

let w: World;
afterEach(() => w?.close());

// Field lists as in Statuspage's published v2 examples (summary.json, incidents.json,
// scheduled-maintenances.json) and the statuspage.io client typings.
const PAGE = ['id', 'name', 'url', 'time_zone', 'updated_at'];
const STATUS = ['indicator', 'description'];
const COMPONENT = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'position',
  'description',
  'showcase',
  'start_date',
  'group_id',
  'page_id',
  'group',
  'only_show_if_degraded',
];
const INCIDENT = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'monitoring_at',
  'resolved_at',
  'impact',
  'shortlink',
  'started_at',
  'page_id',
  'incident_updates',
  'components',
];
const UPDATE = [
  'id',
  'status',
  'body',
  'incident_id',
  'created_at',
  'updated_at',
  'display_at',
  'affected_components',
  'deliver_notifications',
  'custom_tweet',
  'tweet_id',
];
const MAINTENANCE = [...INCIDENT, 'scheduled_for', 'scheduled_until'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

const keys = (o: object) => Object.keys(o).sort();
const get = async (path: string) => {
  const res = await w.call('GET', `/api/v2/${path}`);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('content-type')).toContain('application/json');
  return res.json;
};

async function build() {
  w = createWorld();
  const s = await scenario(w);
  const g = await s.group('Platform');
  const api = await s.component('API', { groupId: g, description: 'The REST API' });
  const web = await s.component('Web', { groupId: g });
  const cdn = await s.component('CDN');
  const open = await s.incident({
    title: 'API errors',
    severity: 'SEV-1',
    startedAt: '2026-11-20T11:00:00Z',
    components: [{ id: api, status: 'partial_outage' }],
  });
  w.clock.advance(60_000);
  await s.update(open, 'monitoring', 'Fix deployed.');
  const past = await s.incident({ title: 'Old one', severity: 'SEV-1', startedAt: '2026-11-10T11:00:00Z' });
  await s.resolve(past, '2026-11-10T12:00:00Z');
  await seedPublishedSummary(w.deps.store.db, {
    incidentId: past,
    markdown: '## What happened\n\nA thing.',
    publishedAt: Date.parse('2026-11-11T11:00:00Z'),
    words: 4,
    audit: {
      actor: { tokenId: null, label: 't' },
      action: 'summary.publish',
      targetType: 'incident',
      targetId: past,
      at: 1,
    },
  });
  const active = await s.maintenance({
    title: 'CDN work',
    scheduledFor: '2026-11-20T11:00:00Z',
    scheduledUntil: '2026-11-20T14:00:00Z',
    components: [cdn],
  });
  const upcoming = await s.maintenance({
    title: 'Later work',
    body: 'Planned.',
    scheduledFor: '2026-11-25T11:00:00Z',
    scheduledUntil: '2026-11-25T14:00:00Z',
  });
  return { g, api, web, cdn, open, past, active, upcoming };
}

describe('Statuspage v2 JSON', () => {
  it('summary.json: page, status, components (groups nest child ids), open incidents, maintenances', async () => {
    const ids = await build();
    const body = await get('summary.json');
    expect(keys(body)).toEqual(['components', 'incidents', 'page', 'scheduled_maintenances', 'status']);
    expect(keys(body.page)).toEqual([...PAGE].sort());
    expect(body.page.url).toBe('https://status.example.test');
    expect(body.page.time_zone).toBe('Etc/UTC');
    expect(body.page.updated_at).toMatch(ISO);
    expect(keys(body.status)).toEqual([...STATUS].sort());
    expect(body.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });

    for (const c of body.components) {
      expect(keys(c)).toEqual(c.group ? [...COMPONENT, 'components'].sort() : [...COMPONENT].sort());
      expect(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']).toContain(
        c.status,
      );
      expect(c.created_at).toMatch(ISO);
      expect(c.page_id).toBe(body.page.id);
    }
    const group = body.components.find((c: any) => c.id === ids.g);
    expect(group).toMatchObject({
      group: true,
      group_id: null,
      components: [ids.api, ids.web],
      status: 'partial_outage',
    });
    expect(body.components.find((c: any) => c.id === ids.api)).toMatchObject({
      group: false,
      group_id: ids.g,
      status: 'partial_outage',
      description: 'The REST API',
      start_date: '2026-11-20',
      only_show_if_degraded: false,
    });
    expect(body.components.find((c: any) => c.id === ids.cdn).status).toBe('under_maintenance');
    expect(body.components.map((c: any) => c.position)).toEqual([1, 2, 3, 4]);

    expect(body.incidents).toHaveLength(1);
    const inc = body.incidents[0];
    expect(keys(inc)).toEqual([...INCIDENT, 'postmortem_body', 'postmortem_published_at'].sort());
    expect(inc).toMatchObject({
      id: ids.open,
      name: 'API errors',
      status: 'monitoring',
      impact: 'major',
      resolved_at: null,
      started_at: '2026-11-20T11:00:00.000Z',
      shortlink: `https://status.example.test/incidents/${ids.open}`,
      postmortem_body: null,
    });
    expect(inc.monitoring_at).toMatch(ISO);
    expect(inc.incident_updates.map((u: any) => u.status)).toEqual(['monitoring', 'investigating']);
    for (const u of inc.incident_updates) {
      expect(keys(u)).toEqual([...UPDATE].sort());
      expect(u.incident_id).toBe(ids.open);
    }
    expect(inc.components.map((c: any) => c.id)).toEqual([ids.api]);
    expect(keys(inc.components[0])).toEqual([...COMPONENT].sort());

    expect(body.scheduled_maintenances.map((m: any) => [m.id, m.status])).toEqual([
      [ids.active, 'in_progress'],
      [ids.upcoming, 'scheduled'],
    ]);
    for (const m of body.scheduled_maintenances) {
      expect(keys(m)).toEqual([...MAINTENANCE].sort());
      expect(m.impact).toBe('maintenance');
    }
  });

  it('status.json, components.json and the incident and maintenance lists', async () => {
    const ids = await build();
    const status = await get('status.json');
    expect(keys(status)).toEqual(['page', 'status']);
    expect(keys(await get('components.json'))).toEqual(['components', 'page']);

    const all = await get('incidents.json');
    expect(all.incidents.map((i: any) => i.id)).toEqual([ids.open, ids.past]);
    const past = all.incidents[1];
    expect(past).toMatchObject({ status: 'resolved', impact: 'critical', resolved_at: '2026-11-10T12:00:00.000Z' });
    expect(past.postmortem_body).toContain('What happened');
    expect(past.postmortem_published_at).toBe('2026-11-11T11:00:00.000Z');

    const unresolved = await get('incidents/unresolved.json');
    expect(unresolved.incidents.map((i: any) => i.id)).toEqual([ids.open]);

    const sm = await get('scheduled-maintenances.json');
    expect(sm.scheduled_maintenances).toHaveLength(2);
    expect((await get('scheduled-maintenances/upcoming.json')).scheduled_maintenances.map((m: any) => m.id)).toEqual([
      ids.upcoming,
    ]);
    const active = await get('scheduled-maintenances/active.json');
    expect(active.scheduled_maintenances.map((m: any) => m.id)).toEqual([ids.active]);
    expect(active.scheduled_maintenances[0].scheduled_for).toBe('2026-11-20T11:00:00.000Z');
  });

  it('all quiet: indicator none, "All Systems Operational", empty lists', async () => {
    w = createWorld();
    const body = await get('summary.json');
    expect(body.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(body.components).toEqual([]);
    expect(body.incidents).toEqual([]);
    expect(body.scheduled_maintenances).toEqual([]);
  });

  it('answers CORS preflight for any origin', async () => {
    w = createWorld();
    const res = await w.call('OPTIONS', '/api/v2/summary.json', {
      headers: { Origin: 'https://widget.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
