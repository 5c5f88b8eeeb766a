// Console maintenance, components and lexicon (with the roster CSV import): create, edit, scopes.
import { describe, expect, it } from 'vitest';
import { parseCsv, rosterNames } from '../../src/services/console-roster';
import { getLexicon } from '../../src/services/lexicon';
import { createWorld } from '../helpers/world';
import { consoleClient } from './helpers';

describe('console maintenance and components', () => {
  it('creates and edits a component, then schedules and edits maintenance on it', async () => {
    const world = createWorld();
    const c = consoleClient(world);
    await c.signIn(await world.token('incidents:write'));
    await c.get('/admin/components');
    expect((await c.post('/admin/components', { name: 'API', description: '', status: 'operational' })).status).toBe(
      303,
    );
    const [api] = await world.deps.store.components.list();
    expect(api?.name).toBe('API');
    await c.get(`/admin/components/${api!.id}`);
    expect(
      (
        await c.post(`/admin/components/${api!.id}`, {
          name: 'Public API',
          description: 'REST',
          status: 'degraded_performance',
        })
      ).status,
    ).toBe(303);
    const edited = await world.deps.store.components.get(api!.id);
    expect([edited?.name, edited?.description, edited?.status]).toEqual(['Public API', 'REST', 'degraded_performance']);

    await c.get('/admin/maintenance');
    const bad = await c.post('/admin/maintenance', {
      title: 'Database upgrade',
      scheduledFor: '2026-12-01T02:00',
      scheduledUntil: '2026-12-01T01:00',
      status: 'scheduled',
      components: [api!.id],
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('<code>scheduledUntil</code>');
    const ok = await c.post('/admin/maintenance', {
      title: 'Database upgrade',
      body: 'Short read-only window.',
      scheduledFor: '2026-12-01T02:00',
      scheduledUntil: '2026-12-01T03:00',
      status: 'scheduled',
      components: [api!.id],
    });
    expect(ok.status).toBe(303);
    const [m] = await world.deps.store.maintenances.list();
    expect(m?.scheduledFor).toBe(Date.parse('2026-12-01T02:00:00Z'));
    expect(m?.components).toEqual([api!.id]);
    const form = await c.get(`/admin/maintenance/${m!.id}`);
    expect(form.text).toContain('value="2026-12-01T02:00"');
    await c.post(`/admin/maintenance/${m!.id}`, {
      title: 'Database upgrade (moved)',
      body: '',
      scheduledFor: '2026-12-02T02:00',
      scheduledUntil: '2026-12-02T03:00',
      status: 'scheduled',
    });
    const moved = (await world.deps.store.maintenances.list())[0];
    expect([moved?.title, moved?.scheduledFor, moved?.components]).toEqual([
      'Database upgrade (moved)',
      Date.parse('2026-12-02T02:00:00Z'),
      [],
    ]);
  });

  it('needs incidents:write to change them', async () => {
    const world = createWorld();
    const c = consoleClient(world);
    await c.signIn(await world.token('summaries:publish'));
    const page = await c.get('/admin/components');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Add component');
    expect((await c.post('/admin/components', { name: 'X' })).status).toBe(403);
    expect(await world.deps.store.components.list()).toEqual([]);
  });
});

describe('console lexicon', () => {
  it('edits the lists and imports a roster CSV with aliases (admin only)', async () => {
    const world = createWorld();
    const c = consoleClient(world);
    await c.signIn(await world.token('admin'));
    await c.get('/admin/lexicon');
    const saved = await c.post('/admin/lexicon', {
      employees: 'Jane Doe\n\n  Will Turner ',
      codenames: 'Bluebird',
      tools: '',
      internalDomains: 'corp.acme.io',
      ticketPrefixes: 'OPS',
      allow: '',
    });
    expect(saved.status).toBe(303);
    expect(await getLexicon({ deps: world.deps })).toMatchObject({
      employees: ['Jane Doe', 'Will Turner'],
      codenames: ['Bluebird'],
      internalDomains: ['corp.acme.io'],
    });
    const bad = await c.post('/admin/lexicon', { internalDomains: 'not a domain!' });
    expect(bad.status).toBe(422);

    await c.get('/admin/lexicon');
    const imported = await c.post('/admin/lexicon/roster', {
      csv: 'name,aliases\n"Park, Grace",Grace;GP\njane doe,\nPriya Raman,Priya,PR\n',
    });
    expect(imported.headers.get('Location')).toBe('/admin/lexicon?imported=6');
    expect((await getLexicon({ deps: world.deps })).employees).toEqual([
      'Jane Doe',
      'Will Turner',
      'Park, Grace',
      'Grace',
      'GP',
      'Priya Raman',
      'Priya',
      'PR',
    ]);

    const lead = consoleClient(world);
    await lead.signIn(await world.token('summaries:publish'));
    expect((await lead.get('/admin/lexicon')).status).toBe(403);
  });

  it('parses CSV as RFC 4180 does', () => {
    expect(parseCsv('a,"b ""c"", d"\r\n"e\nf",g')).toEqual([
      ['a', 'b "c", d'],
      ['e\nf', 'g'],
    ]);
    expect(rosterNames('Name,Aliases\nAda Lovelace,Ada;Countess\n\n')).toEqual(['Ada Lovelace', 'Ada', 'Countess']);
    expect(() => rosterNames(',alias only')).toThrow(/Row 1/);
  });
});
