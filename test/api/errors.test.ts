// Bad input at the HTTP edge: each gets its own clear problem+json, never a 500, and writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';

let world: World;
let token: string;
beforeEach(async () => {
  world = createWorld();
  token = await world.token('admin');
});
afterEach(() => world.close());

async function nothingWritten() {
  expect((await world.call('GET', '/api/v1/incidents', { token })).json.incidents).toEqual([]);
  expect((await world.call('GET', '/api/v1/components', { token })).json.components).toEqual([]);
}

const incident = {
  title: 'Elevated errors',
  severity: 'SEV-1',
  startedAt: '2026-11-20T10:00:00Z',
  lead: { name: 'Dana Reyes' },
};

describe('problem+json errors', () => {
  it('malformed JSON -> 400 malformed_json', async () => {
    const res = await world.call('POST', '/api/v1/incidents', { token, body: '{"title": "x",' });
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ code: 'malformed_json', status: 400, instance: '/api/v1/incidents' });
    await nothingWritten();
  });

  it('a body that is not JSON at all -> 415', async () => {
    const res = await world.call('POST', '/api/v1/components', {
      token,
      body: 'name=API',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.json.code).toBe('unsupported_media_type');
    await nothingWritten();
  });

  it('binary garbage -> 400, not 500', async () => {
    const garbage = String.fromCharCode(...Array.from({ length: 200 }, (_, i) => (i * 37) % 256));
    const res = await world.call('POST', '/api/v1/incidents', { token, body: garbage });
    expect(res.status).toBe(400);
    await nothingWritten();
  });

  it('a JSON array or null body -> 422', async () => {
    for (const body of ['[]', 'null', '"text"', '42']) {
      const res = await world.call('POST', '/api/v1/incidents', { token, body });
      expect(res.status, body).toBe(422);
      expect(res.json.code).toBe('validation_failed');
    }
    await nothingWritten();
  });

  it('bodies over 1 MiB -> 413', async () => {
    const res = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { ...incident, message: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('payload_too_large');
    await nothingWritten();
  });

  it('wrong types and unknown enum values name each field', async () => {
    const res = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { title: 7, severity: 'SEV-0', startedAt: 'yesterday', lead: { name: 'Dana', email: 'not-an-email' } },
    });
    expect(res.status).toBe(422);
    const paths = res.json.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['lead.email', 'severity', 'startedAt', 'title']);
    for (const e of res.json.errors) expect(e.message).toEqual(expect.any(String));
    await nothingWritten();
  });

  it.each(['2026-11-20T10:00:00', '2026-11-20 10:00:00', '2026-11-20', '1763632800000'])(
    'timestamps without an explicit offset are rejected: %s',
    async (startedAt) => {
      const res = await world.call('POST', '/api/v1/incidents', { token, body: { ...incident, startedAt } });
      expect(res.status).toBe(422);
      expect(res.json.errors).toEqual([expect.objectContaining({ path: 'startedAt' })]);
      await nothingWritten();
    },
  );

  it('timestamps with an offset are stored and returned in UTC', async () => {
    const res = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { ...incident, startedAt: '2026-11-20T11:30:00+01:30', detectedAt: '2026-11-20T05:15:00-05:00' },
    });
    expect(res.status).toBe(201);
    expect(res.json.startedAt).toBe('2026-11-20T10:00:00.000Z');
    expect(res.json.detectedAt).toBe('2026-11-20T10:15:00.000Z');
  });

  it('unknown routes under /api/v1 -> 404 problem+json', async () => {
    const res = await world.call('GET', '/api/v1/nope', { token });
    expect(res.status).toBe(404);
    expect(res.json.code).toBe('not_found');
  });

  it('query parameters: a bad or repeated value names the parameter, a good one filters', async () => {
    for (const query of ['limit=0', 'limit=5&limit=6', 'severity=SEV-9', 'nope=1']) {
      const res = await world.call('GET', `/api/v1/incidents?${query}`, { token });
      expect(res.status, query).toBe(422);
      expect(res.json.code).toBe('validation_failed');
      const name = query.split('=')[0];
      expect(res.json.errors[0], query).toMatchObject(
        name === 'nope'
          ? { path: 'query', message: 'unknown field(s): nope' }
          : { path: expect.stringMatching(`^query\\.${name}`) },
      );
    }
    await world.call('POST', '/api/v1/incidents', { token, body: incident });
    await world.call('POST', '/api/v1/incidents', { token, body: { ...incident, severity: 'SEV-2' } });
    const res = await world.call('GET', '/api/v1/incidents?severity=SEV-2&limit=5', { token });
    expect(res.status).toBe(200);
    expect(res.json.incidents.map((i: { severity: string }) => i.severity)).toEqual(['SEV-2']);
  });

  it('a webhook URL that is not http(s) is refused', async () => {
    const res = await world.call('POST', '/api/v1/incidents', {
      token,
      body: { ...incident, lead: { name: 'Dana', webhookUrl: 'javascript:alert(1)' } },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('lead.webhookUrl');
  });
});
