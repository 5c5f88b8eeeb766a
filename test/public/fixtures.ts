// Builds public-page scenarios through the real publish API, so tests see what users' writes produce.
import type { World } from '../helpers/world';

export interface Scenario {
  w: World;
  token: string;
  component(name: string, extra?: Record<string, unknown>): Promise<string>;
  group(name: string, position?: number): Promise<string>;
  incident(body: Record<string, unknown>): Promise<string>;
  update(id: string, status: string, body: string): Promise<void>;
  resolve(id: string, resolvedAt?: string): Promise<void>;
  maintenance(body: Record<string, unknown>): Promise<string>;
}

export async function scenario(w: World): Promise<Scenario> {
  const token = await w.token('admin');
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await w.call(method, path, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${res.text}`);
    return res.json;
  };
  return {
    w,
    token,
    component: async (name, extra = {}) => (await ok('POST', '/api/v1/components', { name, ...extra })).id,
    group: async (name, position) => (await ok('POST', '/api/v1/component-groups', { name, position })).id,
    incident: async (body) =>
      (await ok('POST', '/api/v1/incidents', { severity: 'SEV-2', lead: { name: 'Dana Lead' }, ...body })).id,
    update: async (id, status, body) => {
      await ok('POST', `/api/v1/incidents/${id}/updates`, { status, body });
    },
    resolve: async (id, resolvedAt) => {
      await ok('POST', `/api/v1/incidents/${id}/resolve`, resolvedAt ? { resolvedAt } : {});
    },
    maintenance: async (body) => (await ok('POST', '/api/v1/maintenances', body)).id,
  };
}
