// The publish API's happy path inside workerd, against D1, through the Worker's own fetch handler.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminToken, api } from './d1';

describe('publish API on workerd + D1', () => {
  it('creates a component and an incident, posts an update and resolves it', async () => {
    const token = await adminToken();
    const created = await api(token, 'POST', '/components', { name: 'API' });
    expect(created.status).toBe(201);
    const component = (await created.json()) as { id: string };

    const inc = await api(token, 'POST', '/incidents', {
      title: 'Elevated errors',
      severity: 'SEV-1',
      startedAt: '2026-11-26T10:00:00+01:00',
      lead: { name: 'Dana Lead' },
      components: [{ id: component.id, status: 'major_outage' }],
    });
    expect(inc.status).toBe(201);
    const incident = (await inc.json()) as { id: string; startedAt: string };
    expect(incident.startedAt).toBe('2026-11-26T09:00:00.000Z');

    const comp = (await (await api(token, 'GET', `/components/${component.id}`)).json()) as { status: string };
    expect(comp.status).toBe('major_outage');

    const upd = await api(token, 'POST', `/incidents/${incident.id}/updates`, {
      status: 'identified',
      body: 'Found it.',
    });
    expect(upd.status).toBe(201);

    const resolved = await api(token, 'POST', `/incidents/${incident.id}/resolve`, {});
    expect(((await resolved.json()) as { status: string }).status).toBe('resolved');
    const after = (await (await api(token, 'GET', `/components/${component.id}`)).json()) as { status: string };
    expect(after.status).toBe('operational');

    const detail = (await (await api(token, 'GET', `/incidents/${incident.id}`)).json()) as { updates: unknown[] };
    expect(detail.updates).toHaveLength(3);
  });

  it('refuses a request without a token with problem+json', async () => {
    const res = await SELF.fetch('https://status.example.test/api/v1/components');
    expect(res.status).toBe(401);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('unauthorized');
  });
});
