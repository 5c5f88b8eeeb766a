// GET/PUT /api/v1/settings/page: admin only, validated colours and URLs.
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';

let w: World;
afterEach(() => w?.close());

describe('/api/v1/settings/page', () => {
  it('returns defaults, then what was saved; the write is audited', async () => {
    w = createWorld();
    const admin = await w.token('admin');
    const before = await w.call('GET', '/api/v1/settings/page', { token: admin });
    expect(before.json).toEqual({ name: 'Afterword', logoUrl: null, brandColor: '#1f6feb', footerLinks: [] });
    const body = { name: 'Acme', logoUrl: 'https://acme.example/logo.svg', brandColor: '#112233', footerLinks: [] };
    expect((await w.call('PUT', '/api/v1/settings/page', { token: admin, body })).status).toBe(200);
    expect((await w.call('GET', '/api/v1/settings/page', { token: admin })).json).toEqual(body);
    const audit = await w.deps.store.audit.list();
    expect(audit.some((a) => a.action === 'settings.page')).toBe(true);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x', brandColor: 'red' }, 'brandColor'],
    [{ name: 'x', brandColor: '#12345' }, 'brandColor'],
    [{ name: 'x', logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
    [{ name: 'x', logoUrl: '//evil.example/x.png' }, 'logoUrl'],
    [{ name: 'x', footerLinks: [{ label: 'x', url: 'javascript:alert(1)' }] }, 'footerLinks.0.url'],
    [{ name: 'x', extra: true }, '(body)'],
  ])('rejects %j at %s with 422', async (body, path) => {
    w = createWorld();
    const admin = await w.token('admin');
    const res = await w.call('PUT', '/api/v1/settings/page', { token: admin, body });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('needs the admin scope', async () => {
    w = createWorld();
    const writer = await w.token('incidents:write');
    expect((await w.call('GET', '/api/v1/settings/page', { token: writer })).status).toBe(403);
    expect((await w.call('PUT', '/api/v1/settings/page', { token: writer, body: { name: 'x' } })).status).toBe(403);
    expect((await w.call('GET', '/api/v1/settings/page')).status).toBe(401);
  });
});
