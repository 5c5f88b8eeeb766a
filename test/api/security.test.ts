// Shared security cases, run for every publish-API route the app registers (read from the app, so a new
// route can't go untested): no token, unknown token, revoked token, wrong scope. None may write anything.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/core/types';
import { registeredRoutes, samplePath } from '../helpers/routes';
import { createWorld, type World } from '../helpers/world';

/** What each route needs (null: any valid token may call it) and a body that would pass validation. */
interface RouteSecurity {
  scope: Scope | null;
  body?: unknown;
}

/** Keyed by "METHOD pattern" as the app registers it; the test below fails when a route is missing here. */
const SECURITY: Record<string, RouteSecurity> = {
  'GET /api/v1/components': { scope: null },
  'POST /api/v1/components': { scope: 'incidents:write', body: { name: 'API' } },
  'GET /api/v1/components/:id': { scope: null },
  'PATCH /api/v1/components/:id': { scope: 'incidents:write', body: { status: 'major_outage' } },
  'DELETE /api/v1/components/:id': { scope: 'incidents:write' },
  'POST /api/v1/components/reorder': { scope: 'incidents:write', body: { ids: ['cmp_x'] } },
  'GET /api/v1/component-groups': { scope: null },
  'POST /api/v1/component-groups': { scope: 'incidents:write', body: { name: 'Core' } },
  'PATCH /api/v1/component-groups/:id': { scope: 'incidents:write', body: { name: 'Core' } },
  'DELETE /api/v1/component-groups/:id': { scope: 'incidents:write' },
  'GET /api/v1/incidents': { scope: null },
  'POST /api/v1/incidents': {
    scope: 'incidents:write',
    body: { title: 'Down', severity: 'SEV-1', startedAt: '2026-11-20T10:00:00Z', lead: { name: 'Dana' } },
  },
  'GET /api/v1/incidents/:id': { scope: null },
  'PATCH /api/v1/incidents/:id': { scope: 'incidents:write', body: { title: 'New' } },
  'POST /api/v1/incidents/:id/resolve': { scope: 'incidents:write', body: {} },
  'GET /api/v1/incidents/:id/updates': { scope: null },
  'POST /api/v1/incidents/:id/updates': { scope: 'incidents:write', body: { status: 'identified', body: 'Found it' } },
  'PATCH /api/v1/incidents/:id/updates/:updateId': { scope: 'incidents:write', body: { body: 'Corrected' } },
  'DELETE /api/v1/incidents/:id/updates/:updateId': { scope: 'incidents:write' },
  'GET /api/v1/maintenances': { scope: null },
  'POST /api/v1/maintenances': {
    scope: 'incidents:write',
    body: { title: 'DB upgrade', scheduledFor: '2026-12-01T01:00:00Z', scheduledUntil: '2026-12-01T03:00:00Z' },
  },
  'GET /api/v1/maintenances/:id': { scope: null },
  'PATCH /api/v1/maintenances/:id': { scope: 'incidents:write', body: { title: 'x' } },
  'DELETE /api/v1/maintenances/:id': { scope: 'incidents:write' },
  'GET /api/v1/tokens': { scope: 'admin' },
  'POST /api/v1/tokens': { scope: 'admin', body: { name: 'ci', scopes: ['admin'] } },
  'DELETE /api/v1/tokens/:id': { scope: 'admin' },
  'GET /api/v1/audit': { scope: 'admin' },
  'POST /api/v1/lint': { scope: 'summaries:publish', body: { markdown: '# x' } },
  'GET /api/v1/lexicon': { scope: 'admin' },
  'PUT /api/v1/lexicon': { scope: 'admin', body: { employees: ['Jane Doe'] } },
  'GET /api/v1/incidents/:id/summary': { scope: null },
  'PUT /api/v1/incidents/:id/summary': { scope: 'summaries:publish', body: { markdown: '# x' } },
  'POST /api/v1/incidents/:id/summary/publish': { scope: 'summaries:publish' },
  'GET /api/v1/sla': { scope: null },
  'GET /api/v1/incidents/:id/sla': { scope: null },
  'GET /api/v1/incidents/:id/postmortem': { scope: null },
  'PUT /api/v1/incidents/:id/postmortem': {
    scope: 'incidents:write',
    body: { url: 'https://github.com/acme/postmortems/blob/main/postmortems/x.md' },
  },
  'POST /api/v1/sla/alerts/:id/retry': { scope: 'admin' },
  'GET /api/v1/sla/settings': { scope: 'admin' },
  'PUT /api/v1/sla/settings': { scope: 'admin', body: { hours: 24 } },
  'GET /api/v1/settings/page': { scope: 'admin' },
  'PUT /api/v1/settings/page': { scope: 'admin', body: { name: 'Acme' } },
  'GET /api/v1/settings/gate': { scope: 'admin' },
  'PUT /api/v1/settings/gate': { scope: 'admin', body: { liveText: 'warn' } },
  'GET /api/v1/subscribers': { scope: 'subscribers:read' },
  'GET /api/v1/subscribers/counts': { scope: 'subscribers:read' },
  'GET /api/v1/subscribers/export': { scope: 'subscribers:read' },
  'DELETE /api/v1/subscribers/:id': { scope: 'subscribers:write' },
};

const world0 = createWorld();
const ROUTES = registeredRoutes(world0.app, '/api/v1/').map((r) => ({
  ...r,
  key: `${r.method} ${r.path}`,
  url: samplePath(r.path),
  security: SECURITY[`${r.method} ${r.path}`],
}));
world0.close();

it('knows what every /api/v1 route the app registers requires', () => {
  const missing = ROUTES.filter((r) => r.security === undefined).map((r) => r.key);
  expect(missing, 'add these routes to SECURITY in test/api/security.test.ts').toEqual([]);
  const registered = new Set(ROUTES.map((r) => r.key));
  const stale = Object.keys(SECURITY).filter((k) => !registered.has(k));
  expect(stale, 'SECURITY lists routes the app no longer registers').toEqual([]);
});

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

describe.each(ROUTES)('$key', (r) => {
  const route = { method: r.method, path: r.url, body: r.security?.body, scope: r.security?.scope ?? null };
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

  if (r.security === undefined) return; // named by the test above
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
