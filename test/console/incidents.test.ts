// Console incidents: the list (SLA state, time left, soonest deadline first), opening one, posting an
// update with its problems shown inline, component statuses, resolving, and scopes as in the API.
import { describe, expect, it } from 'vitest';
import { createComponent } from '../../src/services/components';
import { createIncident } from '../../src/services/incidents';
import { createWorld, T0 } from '../helpers/world';
import { consoleClient } from './helpers';

const HOUR = 3_600_000;
const actor = { tokenId: null, label: 'test' };

async function world3() {
  const world = createWorld();
  const api = await createComponent({ deps: world.deps, input: { name: 'API' }, actor });
  const mk = (title: string, severity: 'SEV-1' | 'SEV-2' | 'SEV-3', hoursAgo: number) =>
    createIncident({
      deps: world.deps,
      input: { title, severity, startedAt: T0 - hoursAgo * HOUR, lead: { name: 'Dana' } },
      actor,
    });
  // The default policy owes a summary for SEV-1 within 48 h; the last reminder window is 1 h.
  const newer = await mk('Newer outage', 'SEV-1', 2); // 46 h left: pending
  const minor = await mk('Minor blip', 'SEV-2', 1); // no summary owed
  const older = await mk('Older outage', 'SEV-1', 50); // 2 h overdue: breached
  const due = await mk('Due outage', 'SEV-1', 47.5); // 30 min left: due soon
  return { world, api, older, newer, minor, due };
}

describe('console incidents', () => {
  it('lists incidents with SLA state and time left, the soonest deadline first', async () => {
    const { world } = await world3();
    const c = consoleClient(world);
    await c.signIn(await world.token('incidents:write'));
    const res = await c.get('/admin/incidents');
    expect(res.status).toBe(200);
    const titles = [...res.text.matchAll(/<a href="\/admin\/incidents\/inc_\w+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles).toEqual(['Older outage', 'Due outage', 'Newer outage', 'Minor blip']);
    expect(res.text).toMatch(/sla-breached">Breached <span class="sla-left">\(2 h overdue\)/);
    expect(res.text).toMatch(/sla-due_soon">Due soon <span class="sla-left">\(30 min left\)/);
    expect(res.text).toMatch(/sla-pending">Pending <span class="sla-left">\(1 d 22 h left\)/);
    expect(res.text).toContain('Not required');
  });

  it('opens an incident from the form and shows it with its timeline', async () => {
    const { world, api } = await world3();
    const c = consoleClient(world);
    await c.signIn(await world.token('incidents:write'));
    const form = await c.get('/admin/incidents/new');
    expect(form.status).toBe(200);
    const res = await c.post('/admin/incidents', {
      title: 'Checkout errors',
      severity: 'SEV-1',
      startedAt: '2026-11-20T11:30',
      leadName: 'Dana',
      leadEmail: '',
      message: 'We are looking into failed checkouts.',
      [`component.${api.id}`]: 'major_outage',
    });
    expect(res.status).toBe(303);
    const id = res.headers.get('Location')!.split('/').at(-1)!;
    const incident = (await world.call('GET', `/api/v1/incidents/${id}`, { token: await world.token('admin') })).json;
    expect(incident.startedAt).toBe('2026-11-20T11:30:00.000Z');
    expect(incident.components).toEqual([{ id: api.id, status: 'major_outage' }]);
    const page = await c.get(`/admin/incidents/${id}`);
    expect(page.text).toContain('We are looking into failed checkouts.');
    expect(page.text).toContain(`href="/admin/incidents/${id}/summary"`);
  });

  it('a bad form comes back with its problems and the text kept, and writes nothing', async () => {
    const { world, older } = await world3();
    const c = consoleClient(world);
    await c.signIn(await world.token('incidents:write'));
    await c.get(`/admin/incidents/${older.id}`);
    const res = await c.post(`/admin/incidents/${older.id}/updates`, { status: 'bogus', body: 'Kept text' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('<code>status</code>');
    expect(res.text).toContain('Kept text</textarea>');
    expect((await world.deps.store.incidents.listUpdates(older.id)).length).toBe(1);

    const bad = await c.post('/admin/incidents', { title: '', severity: 'SEV-1', startedAt: '', leadName: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<code>title</code>');
  });

  it('posts an update with component statuses, sets statuses alone, and resolves', async () => {
    const { world, api, older } = await world3();
    const c = consoleClient(world);
    await c.signIn(await world.token('incidents:write'));
    await c.get(`/admin/incidents/${older.id}`);
    const posted = await c.post(`/admin/incidents/${older.id}/updates`, {
      status: 'identified',
      body: 'We found the cause.',
      [`component.${api.id}`]: 'partial_outage',
    });
    expect(posted.status).toBe(303);
    expect((await world.deps.store.components.get(api.id))?.status).toBe('partial_outage');

    await c.get(`/admin/incidents/${older.id}`);
    expect(
      (await c.post(`/admin/incidents/${older.id}/components`, { [`component.${api.id}`]: 'major_outage' })).status,
    ).toBe(303);
    expect((await world.deps.store.components.get(api.id))?.status).toBe('major_outage');

    await c.get(`/admin/incidents/${older.id}`);
    expect((await c.post(`/admin/incidents/${older.id}/resolve`, { message: 'All clear.' })).status).toBe(303);
    const after = await world.deps.store.incidents.get(older.id);
    expect(after?.status).toBe('resolved');
    expect((await world.deps.store.components.get(api.id))?.status).toBe('operational');
    const page = await c.get(`/admin/incidents/${older.id}`);
    expect(page.text).toContain('All clear.');
    expect(page.text).not.toContain('Resolve incident');
  });

  it('is scoped like the API: a token without incidents:write reads but cannot write', async () => {
    const { world, older } = await world3();
    const c = consoleClient(world);
    await c.signIn(await world.token('summaries:publish'));
    const page = await c.get(`/admin/incidents/${older.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Post update');
    expect((await c.get('/admin/incidents/new')).status).toBe(403);
    const res = await c.post(`/admin/incidents/${older.id}/resolve`, {});
    expect(res.status).toBe(403);
    expect(res.text).toContain('incidents:write');
    expect((await world.deps.store.incidents.get(older.id))?.status).toBe('investigating');
  });

  it('an unknown incident is a 404 page', async () => {
    const { world } = await world3();
    const c = consoleClient(world);
    await c.signIn(await world.token('admin'));
    const res = await c.get('/admin/incidents/inc_nope');
    expect(res.status).toBe(404);
    expect(res.text).toContain('No incident with id');
  });
});
