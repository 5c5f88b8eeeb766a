// Console: the internal postmortem's deadline beside the summary's, and "resolved · postmortem
// pending" where the team looks (list and incident page) while the setting is on and no document is linked.
import { describe, expect, it } from 'vitest';
import { createWorld, T0 } from '../helpers/world';
import { consoleClient } from './helpers';

const HOUR = 3_600_000;
const DOC = 'https://github.com/acme/postmortems/blob/main/postmortems/checkout.md';

describe('console: the internal postmortem', () => {
  it('shows the pending label and the deadline until the document is linked', async () => {
    const world = createWorld();
    const admin = await world.token('admin');
    const created = await world.call('POST', '/api/v1/incidents', {
      token: admin,
      body: {
        title: 'Checkout errors',
        severity: 'SEV-2',
        status: 'resolved',
        startedAt: new Date(T0 - 3 * HOUR).toISOString(),
        resolvedAt: new Date(T0 - HOUR).toISOString(), // Friday 2026-11-20: due by the end of Friday 27
        lead: { name: 'Dana' },
      },
    });
    const id = created.json.id as string;
    const c = consoleClient(world);
    await c.signIn(await world.token('incidents:write'));

    let list = await c.get('/admin/incidents');
    expect(list.text).not.toContain('postmortem pending'); // off by default
    expect(list.text).toMatch(/sla-pending">Pending <span class="sla-left">\(7 d 12 h left\)/);

    await world.call('PUT', '/api/v1/sla/settings', {
      token: admin,
      body: { postmortem: { resolvedWaitsForPostmortem: true } },
    });
    list = await c.get('/admin/incidents');
    expect(list.text).toContain('<td data-label="Status">resolved · postmortem pending</td>');
    let detail = await c.get(`/admin/incidents/${id}`);
    expect(detail.text).toContain('SEV-2 · resolved · postmortem pending · started');
    expect(detail.text).toContain('Internal postmortem:');
    expect(detail.text).toContain('datetime="2026-11-28T00:00:00.000Z"');

    expect(
      (await world.call('PUT', `/api/v1/incidents/${id}/postmortem`, { token: admin, body: { url: DOC } })).status,
    ).toBe(200);
    list = await c.get('/admin/incidents');
    expect(list.text).toContain('<td data-label="Status">resolved</td>');
    expect(list.text).toMatch(/sla-met">Linked <span class="sla-left">\(7 d 12 h early\)/);
    detail = await c.get(`/admin/incidents/${id}`);
    expect(detail.text).toContain('SEV-2 · resolved · started');
    expect(detail.text).toContain(`<a href="${DOC}">the document</a>`);
    world.close();
  });
});
