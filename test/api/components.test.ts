// Components and groups through the publish API: happy paths and validation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';

let world: World;
let token: string;
beforeEach(async () => {
  world = createWorld();
  token = await world.token('incidents:write');
});
afterEach(() => world.close());

const post = (path: string, body: unknown) => world.call('POST', path, { token, body });

describe('components', () => {
  it('creates a component with defaults and lists it', async () => {
    const res = await post('/api/v1/components', { name: 'API', description: 'Public REST API' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: 'API',
      description: 'Public REST API',
      groupId: null,
      position: 0,
      status: 'operational',
    });
    expect(res.json.id).toMatch(/^cmp_[a-z2-7]{16}$/);
    expect(res.json.createdAt).toBe('2026-11-20T12:00:00.000Z');

    const list = await world.call('GET', '/api/v1/components', { token });
    expect(list.json.components.map((c: { name: string }) => c.name)).toEqual(['API']);
  });

  it('appends new components at the end and reorders them', async () => {
    const a = (await post('/api/v1/components', { name: 'A' })).json;
    const b = (await post('/api/v1/components', { name: 'B' })).json;
    const c = (await post('/api/v1/components', { name: 'C' })).json;
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);

    const res = await post('/api/v1/components/reorder', { ids: [c.id, a.id] });
    expect(res.status).toBe(200);
    expect(res.json.components.map((x: { name: string }) => x.name)).toEqual(['C', 'A', 'B']);
  });

  it('updates status and fields, and deletes', async () => {
    const { id } = (await post('/api/v1/components', { name: 'API' })).json;
    const res = await world.call('PATCH', `/api/v1/components/${id}`, { token, body: { status: 'partial_outage' } });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('partial_outage');
    expect(res.json.name).toBe('API');

    const del = await world.call('DELETE', `/api/v1/components/${id}`, { token });
    expect(del.status).toBe(204);
    expect((await world.call('GET', `/api/v1/components/${id}`, { token })).status).toBe(404);
  });

  it('puts a component in a group; deleting the group ungroups it', async () => {
    const group = (await post('/api/v1/component-groups', { name: 'Core' })).json;
    expect(group.id).toMatch(/^grp_/);
    const comp = (await post('/api/v1/components', { name: 'API', groupId: group.id })).json;
    expect(comp.groupId).toBe(group.id);

    expect((await world.call('DELETE', `/api/v1/component-groups/${group.id}`, { token })).status).toBe(204);
    const after = await world.call('GET', `/api/v1/components/${comp.id}`, { token });
    expect(after.json.groupId).toBeNull();
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ name: 'API', status: 'on_fire' }, 'status'],
    [{ name: 'API', position: -1 }, 'position'],
    [{ name: 'API', colour: 'red' }, '(body)'],
    [{ name: 'API', groupId: 'grp_missing' }, 'groupId'],
  ])('rejects %j with a field error on %s and writes nothing', async (body, path) => {
    const res = await post('/api/v1/components', body);
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('validation_failed');
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await world.call('GET', '/api/v1/components', { token })).json.components).toEqual([]);
  });

  it('rejects reordering an unknown component', async () => {
    const res = await post('/api/v1/components/reorder', { ids: ['cmp_nope'] });
    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toMatchObject({ path: 'ids.0' });
  });

  it('answers 404 problem+json for unknown ids', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/v1/components/cmp_nope', undefined],
      ['PATCH', '/api/v1/components/cmp_nope', { name: 'x' }],
      ['DELETE', '/api/v1/components/cmp_nope', undefined],
      ['PATCH', '/api/v1/component-groups/grp_nope', { name: 'x' }],
    ] as const) {
      const res = await world.call(method, path, { token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.code).toBe('not_found');
    }
  });
});
