// Token administration: issued once, stored hashed, listed without secrets, revoked at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/crypto';
import { createWorld, type World } from '../helpers/world';

let world: World;
let admin: string;
beforeEach(async () => {
  world = createWorld();
  admin = await world.token('admin');
});
afterEach(() => world.close());

describe('tokens', () => {
  it('creates a token shown once, stores only its SHA-256, and the token works', async () => {
    const res = await world.call('POST', '/api/v1/tokens', {
      token: admin,
      body: { name: 'deploy', scopes: ['incidents:write'] },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const secret: string = res.json.token;
    // 256 random bits, base64url: 43 characters after the prefix.
    expect(secret).toMatch(/^aw_[A-Za-z0-9_-]{43}$/);

    const rows = world.handle.sqlite.prepare('select * from api_tokens').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(rows.map((r) => r.token_hash)).toContain(await sha256Hex(secret));

    const list = await world.call('GET', '/api/v1/tokens', { token: admin });
    expect(JSON.stringify(list.json)).not.toContain(secret);
    expect(list.json.tokens.find((t: { name: string }) => t.name === 'deploy')).toMatchObject({
      scopes: ['incidents:write'],
      revokedAt: null,
      lastUsedAt: null,
    });

    const used = await world.call('POST', '/api/v1/components', { token: secret, body: { name: 'API' } });
    expect(used.status).toBe(201);
    const after = await world.call('GET', '/api/v1/tokens', { token: admin });
    expect(after.json.tokens.find((t: { name: string }) => t.name === 'deploy').lastUsedAt).toBe(
      '2026-11-20T12:00:00.000Z',
    );
  });

  it('revokes a token: it stops working at once', async () => {
    const created = (
      await world.call('POST', '/api/v1/tokens', { token: admin, body: { name: 'tmp', scopes: ['incidents:write'] } })
    ).json;
    expect((await world.call('GET', '/api/v1/components', { token: created.token })).status).toBe(200);
    const revoked = await world.call('DELETE', `/api/v1/tokens/${created.id}`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toBe('2026-11-20T12:00:00.000Z');
    const res = await world.call('GET', '/api/v1/components', { token: created.token });
    expect(res.status).toBe(401);
  });

  it('validates names and scopes', async () => {
    const res = await world.call('POST', '/api/v1/tokens', { token: admin, body: { name: '', scopes: ['root'] } });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'scopes.0']);
    const none = await world.call('POST', '/api/v1/tokens', { token: admin, body: { name: 'x', scopes: [] } });
    expect(none.json.errors[0].path).toBe('scopes');
    expect((await world.call('DELETE', '/api/v1/tokens/tok_nope', { token: admin })).status).toBe(404);
  });

  it('a malformed Authorization header is a 401, not a crash', async () => {
    for (const header of ['Bearer', 'Basic dXNlcjpwYXNz', 'Bearer a b c', `Bearer ${'é'.repeat(10)}`]) {
      const res = await world.call('GET', '/api/v1/components', { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });
});
