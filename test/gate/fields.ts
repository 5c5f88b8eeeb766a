// Every public text field the publish API writes, as a table: what it needs first, and the request
// that writes a given text into it. The live-text gate tests and the end-to-end credential test run
// over this list, so a new public field added here is covered by both.
import { expect } from 'vitest';
import type { World } from '../helpers/world';

export interface WriteRequest {
  method: string;
  url: string;
  body: Record<string, unknown>;
}

export interface PublicField {
  /** What is written, e.g. "incident title (create)". */
  name: string;
  /** The field path the gate's findings name. */
  path: string;
  /** Creates what the write needs (an incident, an update ...) and returns the write for a text. */
  prepare(w: World, token: string): Promise<(text: string) => WriteRequest>;
}

export const STARTED_AT = '2026-11-20T10:00:00Z';
export const INCIDENT = {
  title: 'Elevated API errors',
  severity: 'SEV-1',
  startedAt: STARTED_AT,
  lead: { name: 'Dana' },
};
export const WINDOW = { scheduledFor: '2026-12-01T01:00:00Z', scheduledUntil: '2026-12-01T03:00:00Z' };

async function created(w: World, token: string, url: string, body: Record<string, unknown>): Promise<string> {
  const res = await w.call('POST', url, { token, body });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

export const incidentId = (w: World, t: string) => created(w, t, '/api/v1/incidents', INCIDENT);

export const PUBLIC_FIELDS: PublicField[] = [
  {
    name: 'incident title (create)',
    path: 'title',
    prepare: async () => (text) => ({ method: 'POST', url: '/api/v1/incidents', body: { ...INCIDENT, title: text } }),
  },
  {
    name: 'first update (create incident)',
    path: 'message',
    prepare: async () => (text) => ({ method: 'POST', url: '/api/v1/incidents', body: { ...INCIDENT, message: text } }),
  },
  {
    name: 'incident title (edit)',
    path: 'title',
    prepare: async (w, t) => {
      const id = await incidentId(w, t);
      return (text) => ({ method: 'PATCH', url: `/api/v1/incidents/${id}`, body: { title: text } });
    },
  },
  {
    name: 'update message (edit incident)',
    path: 'message',
    prepare: async (w, t) => {
      const id = await incidentId(w, t);
      return (text) => ({ method: 'PATCH', url: `/api/v1/incidents/${id}`, body: { message: text } });
    },
  },
  {
    name: 'resolution message',
    path: 'message',
    prepare: async (w, t) => {
      const id = await incidentId(w, t);
      return (text) => ({ method: 'POST', url: `/api/v1/incidents/${id}/resolve`, body: { message: text } });
    },
  },
  {
    name: 'update body (post)',
    path: 'body',
    prepare: async (w, t) => {
      const id = await incidentId(w, t);
      return (text) => ({
        method: 'POST',
        url: `/api/v1/incidents/${id}/updates`,
        body: { status: 'identified', body: text },
      });
    },
  },
  {
    name: 'update body (correct)',
    path: 'body',
    prepare: async (w, t) => {
      const id = await incidentId(w, t);
      const upd = await w.call('POST', `/api/v1/incidents/${id}/updates`, {
        token: t,
        body: { status: 'identified', body: 'We found the cause.' },
      });
      expect(upd.status).toBe(201);
      return (text) => ({
        method: 'PATCH',
        url: `/api/v1/incidents/${id}/updates/${upd.json.id}`,
        body: { body: text },
      });
    },
  },
  {
    name: 'maintenance title (create)',
    path: 'title',
    prepare: async () => (text) => ({ method: 'POST', url: '/api/v1/maintenances', body: { ...WINDOW, title: text } }),
  },
  {
    name: 'maintenance body (create)',
    path: 'body',
    prepare: async () => (text) => ({
      method: 'POST',
      url: '/api/v1/maintenances',
      body: { ...WINDOW, title: 'Database upgrade', body: text },
    }),
  },
  {
    name: 'maintenance title (edit)',
    path: 'title',
    prepare: async (w, t) => {
      const id = await created(w, t, '/api/v1/maintenances', { ...WINDOW, title: 'Database upgrade' });
      return (text) => ({ method: 'PATCH', url: `/api/v1/maintenances/${id}`, body: { title: text } });
    },
  },
  {
    name: 'maintenance body (edit)',
    path: 'body',
    prepare: async (w, t) => {
      const id = await created(w, t, '/api/v1/maintenances', { ...WINDOW, title: 'Database upgrade' });
      return (text) => ({ method: 'PATCH', url: `/api/v1/maintenances/${id}`, body: { body: text } });
    },
  },
  {
    name: 'component name (create)',
    path: 'name',
    prepare: async () => (text) => ({ method: 'POST', url: '/api/v1/components', body: { name: text } }),
  },
  {
    name: 'component description (create)',
    path: 'description',
    prepare: async () => (text) => ({
      method: 'POST',
      url: '/api/v1/components',
      body: { name: 'Payments', description: text },
    }),
  },
  {
    name: 'component name (edit)',
    path: 'name',
    prepare: async (w, t) => {
      const id = await created(w, t, '/api/v1/components', { name: 'Payments' });
      return (text) => ({ method: 'PATCH', url: `/api/v1/components/${id}`, body: { name: text } });
    },
  },
  {
    name: 'component description (edit)',
    path: 'description',
    prepare: async (w, t) => {
      const id = await created(w, t, '/api/v1/components', { name: 'Payments' });
      return (text) => ({ method: 'PATCH', url: `/api/v1/components/${id}`, body: { description: text } });
    },
  },
  {
    name: 'group name (create)',
    path: 'name',
    prepare: async () => (text) => ({ method: 'POST', url: '/api/v1/component-groups', body: { name: text } }),
  },
  {
    name: 'group description (edit)',
    path: 'description',
    prepare: async (w, t) => {
      const id = await created(w, t, '/api/v1/component-groups', { name: 'Core' });
      return (text) => ({ method: 'PATCH', url: `/api/v1/component-groups/${id}`, body: { description: text } });
    },
  },
];

/** Sends a write, with extra body fields (an override) when given. */
export function send(w: World, token: string, req: WriteRequest, extra: Record<string, unknown> = {}) {
  return w.call(req.method, req.url, { token, body: { ...req.body, ...extra } });
}

/** Every row of every table but the tokens' (their last-use time moves on every call), as text. */
export function databaseText(w: World): string {
  const tables = w.handle.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('api_tokens') ORDER BY name")
    .all() as { name: string }[];
  return JSON.stringify(tables.map((t) => [t.name, w.handle.sqlite.prepare(`SELECT * FROM "${t.name}"`).all()]));
}
