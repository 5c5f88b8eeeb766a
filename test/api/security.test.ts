// Shared security cases, run for every publish-API route: no token, unknown token, revoked token,
// wrong scope. None of them may write anything.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/core/types';
import { createWorld, type World } from '../helpers/world';

interface RouteCase {
  method: string;
  path: string;
  scope: Scope | null; // null: any valid token may call it
  body?: unknown;
}

const ROUTES: RouteCase[] = [
  { method: 'GET', path: '/api/v1/components', scope: null },
  { method: 'POST', path: '/api/v1/components', scope: 'incidents:write', body: { name: 'API' } },
  { method: 'GET', path: '/api/v1/components/cmp_x', scope: null },
  { method: 'PATCH', path: '/api/v1/components/cmp_x', scope: 'incidents:write', body: { status: 'major_outage' } },
  { method: 'DELETE', path: '/api/v1/components/cmp_x', scope: 'incidents:write' },
  { method: 'POST', path: '/api/v1/components/reorder', scope: 'incidents:write', body: { ids: ['cmp_x'] } },
  { method: 'GET', path: '/api/v1/component-groups', scope: null },
  { method: 'POST', path: '/api/v1/component-groups', scope: 'incidents:write', body: { name: 'Core' } },
  { method: 'PATCH', path: '/api/v1/component-groups/grp_x', scope: 'incidents:write', body: { name: 'Core' } },
  { method: 'DELETE', path: '/api/v1/component-groups/grp_x', scope: 'incidents:write' },
  { method: 'GET', path: '/api/v1/incidents', scope: null },
  {
    method: 'POST',
    path: '/api/v1/incidents',
    scope: 'incidents:write',
    body: { title: 'Down', severity: 'SEV-1', startedAt: '2026-11-20T10:00:00Z', lead: { name: 'Dana' } },
  },
  { method: 'GET', path: '/api/v1/incidents/inc_x', scope: null },
  { method: 'PATCH', path: '/api/v1/incidents/inc_x', scope: 'incidents:write', body: { title: 'New' } },
  { method: 'POST', path: '/api/v1/incidents/inc_x/resolve', scope: 'incidents:write', body: {} },
  { method: 'GET', path: '/api/v1/incidents/inc_x/updates', scope: null },
  {
    method: 'POST',
    path: '/api/v1/incidents/inc_x/updates',
    scope: 'incidents:write',
    body: { status: 'identified', body: 'Found it' },
  },
  {
    method: 'PATCH',
    path: '/api/v1/incidents/inc_x/updates/upd_x',
    scope: 'incidents:write',
    body: { body: 'Corrected' },
  },
  { method: 'DELETE', path: '/api/v1/incidents/inc_x/updates/upd_x', scope: 'incidents:write' },
  { method: 'GET', path: '/api/v1/maintenances', scope: null },
  {
    method: 'POST',
    path: '/api/v1/maintenances',
    scope: 'incidents:write',
    body: { title: 'DB upgrade', scheduledFor: '2026-12-01T01:00:00Z', scheduledUntil: '2026-12-01T03:00:00Z' },
  },
  { method: 'GET', path: '/api/v1/maintenances/mnt_x', scope: null },
  { method: 'PATCH', path: '/api/v1/maintenances/mnt_x', scope: 'incidents:write', body: { title: 'x' } },
  { method: 'DELETE', path: '/api/v1/maintenances/mnt_x', scope: 'incidents:write' },
  { method: 'GET', path: '/api/v1/tokens', scope: 'admin' },
  { method: 'POST', path: '/api/v1/tokens', scope: 'admin', body: { name: 'ci', scopes: ['admin'] } },
  { method: 'DELETE', path: '/api/v1/tokens/tok_x', scope: 'admin' },
  { method: 'GET', path: '/api/v1/audit', scope: 'admin' },
  { method: 'POST', path: '/api/v1/lint', scope: 'summaries:publish', body: { markdown: '# x' } },
  { method: 'GET', path: '/api/v1/lexicon', scope: 'admin' },
  { method: 'PUT', path: '/api/v1/lexicon', scope: 'admin', body: { employees: ['Jane Doe'] } },
  { method: 'GET', path: '/api/v1/incidents/inc_x/summary', scope: null },
  { method: 'PUT', path: '/api/v1/incidents/inc_x/summary', scope: 'summaries:publish', body: { markdown: '# x' } },
  { method: 'POST', path: '/api/v1/incidents/inc_x/summary/publish', scope: 'summaries:publish' },
  { method: 'GET', path: '/api/v1/sla', scope: null },
  { method: 'GET', path: '/api/v1/incidents/inc_x/sla', scope: null },
  { method: 'POST', path: '/api/v1/sla/alerts/alr_x/retry', scope: 'admin' },
  { method: 'GET', path: '/api/v1/sla/settings', scope: 'admin' },
  { method: 'PUT', path: '/api/v1/sla/settings', scope: 'admin', body: { hours: 24 } },
  { method: 'GET', path: '/api/v1/settings/page', scope: 'admin' },
  { method: 'PUT', path: '/api/v1/settings/page', scope: 'admin', body: { name: 'Acme' } },
  { method: 'GET', path: '/api/v1/settings/gate', scope: 'admin' },
  { method: 'PUT', path: '/api/v1/settings/gate', scope: 'admin', body: { liveText: 'warn' } },
];

/** A token whose scopes do not include `scope` (and is not admin). */
function otherScope(scope: Scope): Scope {
  return scope === 'summaries:publish' ? 'incidents:write' : 'summaries:publish';
}

let world: World;
beforeEach(() => {
  world = createWorld();
});
afterEach(() => world.close());

async function auditCount() {
  return (await world.deps.store.audit.list(10_000)).length;
}

describe.each(ROUTES)('$method $path', (route) => {
  it('refuses a request without a token (401, problem+json, nothing written)', async () => {
    const before = await auditCount();
    const res = await world.call(route.method, route.path, { body: route.body });
    expect(res.status).toBe(401);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect(res.json.code).toBe('unauthorized');
    expect(await auditCount()).toBe(before);
  });

  it('refuses an unknown token (401)', async () => {
    const res = await world.call(route.method, route.path, { body: route.body, token: `aw_${'x'.repeat(43)}` });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('unauthorized');
  });

  it('refuses a revoked token (401)', async () => {
    const token = await world.token('admin');
    const [stored] = await world.deps.store.tokens.list();
    await world.deps.store.tokens.revoke(stored!.id, world.clock(), {
      actor: { tokenId: null, label: 'test' },
      action: 'token.revoke',
      targetType: 'token',
      targetId: stored!.id,
      at: world.clock(),
    });
    const res = await world.call(route.method, route.path, { body: route.body, token });
    expect(res.status).toBe(401);
    expect(res.json.detail).toMatch(/revoked/);
  });

  if (route.scope) {
    const required = route.scope;
    it(`refuses a token without the ${required} scope (403, nothing written)`, async () => {
      const token = await world.token(otherScope(required));
      const before = await auditCount();
      const res = await world.call(route.method, route.path, { body: route.body, token });
      expect(res.status).toBe(403);
      expect(res.json.code).toBe('forbidden');
      expect(res.json.requiredScope).toBe(required);
      expect(await auditCount()).toBe(before);
    });
  } else {
    it('lets any valid token read', async () => {
      const token = await world.token('summaries:publish');
      const res = await world.call(route.method, route.path, { token });
      expect([200, 404]).toContain(res.status);
    });
  }
});
