// Correcting and retracting a posted incident update: PATCH and DELETE
// /api/v1/incidents/:id/updates/:updateId. The page, both feeds and /api/v2 show the change on the
// very next request; the feed entry's updated time moves; the gate and the audit log apply.
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';
import { INCIDENT } from './fields';

const WRONG = 'We are restarting the primary database in us-east-1.';
const RIGHT = 'We are failing over to the standby database in us-east-1.';

let w: World;
let token: string;
let id: string;
let updateId: string;
beforeEach(async () => {
  w = createWorld();
  token = await w.token('admin');
  const inc = await w.call('POST', '/api/v1/incidents', { token, body: INCIDENT });
  id = inc.json.id;
  const upd = await w.call('POST', `/api/v1/incidents/${id}/updates`, {
    token,
    body: { status: 'identified', body: WRONG },
  });
  expect(upd.status).toBe(201);
  updateId = upd.json.id;
});
afterEach(() => w.close());

/** What a visitor sees right now: the incident page, both feeds and the v2 incident list, as text. */
async function publicViews() {
  const get = async (path: string) => (await w.call('GET', path)).text;
  return {
    page: await get(`/incidents/${id}`),
    atom: await get('/history.atom'),
    rss: await get('/history.rss'),
    v2: await get('/api/v2/incidents.json'),
    unresolved: await get('/api/v2/incidents/unresolved.json'),
  };
}

function feedUpdated(atom: string): number {
  const item = parseFeed(atom).items[0];
  return (item?.updated ?? item?.published ?? new Date(0)).getTime();
}

describe('PATCH /api/v1/incidents/:id/updates/:updateId', () => {
  it('corrects the text everywhere on the next request, moves the feed time, keeps status and time', async () => {
    const before = await publicViews();
    for (const view of Object.values(before)) expect(view).toContain(WRONG);
    const atomBefore = feedUpdated(before.atom);

    w.clock.advance(10 * 60_000);
    const res = await w.call('PATCH', `/api/v1/incidents/${id}/updates/${updateId}`, { token, body: { body: RIGHT } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      id: updateId,
      incidentId: id,
      status: 'identified',
      body: RIGHT,
      editedAt: new Date(w.clock()).toISOString(),
      warnings: [],
    });

    const after = await publicViews();
    for (const [name, view] of Object.entries(after)) {
      expect(view, name).toContain(RIGHT);
      expect(view, name).not.toContain(WRONG);
    }
    expect(feedUpdated(after.atom)).toBe(w.clock());
    expect(feedUpdated(after.atom)).toBeGreaterThan(atomBefore);
    const v2 = JSON.parse(after.v2).incidents[0].incident_updates.find((u: { id: string }) => u.id === updateId);
    expect(v2).toMatchObject({
      body: RIGHT,
      created_at: '2026-11-20T12:00:00.000Z',
      updated_at: new Date(w.clock()).toISOString(),
    });

    const listed = await w.call('GET', `/api/v1/incidents/${id}/updates`, { token });
    const entry = listed.json.updates.find((u: { id: string }) => u.id === updateId);
    expect(entry).toMatchObject({ body: RIGHT, status: 'identified', createdAt: '2026-11-20T12:00:00.000Z' });
    const audit = await w.call('GET', '/api/v1/audit', { token });
    expect(audit.json.entries[0]).toMatchObject({
      action: 'incident.update.edit',
      targetType: 'incident_update',
      targetId: updateId,
    });
  });

  it('is gated like posting: a leak is refused and the published text stays', async () => {
    await w.call('PUT', '/api/v1/lexicon', { token, body: { employees: ['Priya Natarajan'] } });
    const res = await w.call('PATCH', `/api/v1/incidents/${id}/updates/${updateId}`, {
      token,
      body: { body: 'Priya Natarajan is failing over.' },
    });
    expect(res.status).toBe(422);
    expect(res.json.findings).toMatchObject([{ path: 'body', rule: 'employee-name' }]);
    expect((await publicViews()).page).toContain(WRONG);
  });

  it('needs incidents:write, and names only an update of this incident', async () => {
    const reader = await w.token('summaries:publish');
    const path = `/api/v1/incidents/${id}/updates/${updateId}`;
    expect((await w.call('PATCH', path, { token: reader, body: { body: RIGHT } })).status).toBe(403);
    expect((await w.call('DELETE', path, { token: reader })).status).toBe(403);
    const other = (await w.call('POST', '/api/v1/incidents', { token, body: INCIDENT })).json.id;
    const wrong = await w.call('PATCH', `/api/v1/incidents/${other}/updates/${updateId}`, {
      token,
      body: { body: RIGHT },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.json.code).toBe('not_found');
    const missing = await w.call('DELETE', `/api/v1/incidents/${id}/updates/upd_nope`, { token });
    expect(missing.status).toBe(404);
    const empty = await w.call('PATCH', path, { token, body: { body: ' ' } });
    expect(empty.status).toBe(422);
    expect(empty.json.code).toBe('validation_failed');
    expect((await publicViews()).page).toContain(WRONG);
  });
});

describe('DELETE /api/v1/incidents/:id/updates/:updateId', () => {
  it('retracts the update from the page, feeds, /api/v2 and the API on the next request', async () => {
    w.clock.advance(5 * 60_000);
    const res = await w.call('DELETE', `/api/v1/incidents/${id}/updates/${updateId}`, { token });
    expect(res.status).toBe(204);

    const after = await publicViews();
    for (const [name, view] of Object.entries(after)) expect(view, name).not.toContain(WRONG);
    expect(after.page).toContain(INCIDENT.title); // the incident itself stays
    expect(feedUpdated(after.atom)).toBe(w.clock());

    const listed = await w.call('GET', `/api/v1/incidents/${id}`, { token });
    expect(listed.json.updates.map((u: { id: string }) => u.id)).not.toContain(updateId);
    expect(listed.json.updates).toHaveLength(1); // the opening update
    const audit = await w.call('GET', '/api/v1/audit', { token });
    expect(audit.json.entries[0]).toMatchObject({ action: 'incident.update.retract', targetId: updateId });
    expect(JSON.stringify(audit.json.entries[0])).not.toContain(WRONG);

    expect((await w.call('DELETE', `/api/v1/incidents/${id}/updates/${updateId}`, { token })).status).toBe(404);
  });
});
