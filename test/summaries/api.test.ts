// The summary API: lint dry run, versioned drafts, the publish gate, idempotent publish, lexicon admin,
// and bad input (oversized, empty, binary, malformed lexicon, wrong scope).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLEAN, LEAKY, LEXICON } from '../core/summary/fixtures';
import { createWorld, type World } from '../helpers/world';

let world: World;
let admin: string;
let writer: string;

beforeEach(async () => {
  world = createWorld();
  admin = await world.token('admin');
  writer = await world.token('summaries:publish');
});
afterEach(() => world.close());

async function incident(): Promise<string> {
  const res = await world.call('POST', '/api/v1/incidents', {
    token: admin,
    body: {
      title: 'Elevated API errors',
      severity: 'SEV-1',
      startedAt: '2026-11-26T14:04:00Z',
      resolvedAt: '2026-11-26T15:21:00Z',
      lead: { name: 'Dana Lead' },
    },
  });
  expect(res.status).toBe(201);
  return res.json.id;
}

describe('POST /api/v1/lint', () => {
  it('lints markdown with the stored lexicon', async () => {
    expect((await world.call('PUT', '/api/v1/lexicon', { token: admin, body: LEXICON })).status).toBe(200);
    const res = await world.call('POST', '/api/v1/lint', { token: writer, body: { markdown: LEAKY } });
    expect(res.status).toBe(200);
    expect(res.json.ok).toBe(false);
    expect(res.json.findings).toContainEqual(expect.objectContaining({ rule: 'employee-name', text: 'Jane', line: 4 }));
    expect(res.json.findings).toContainEqual(expect.objectContaining({ rule: 'codename', text: 'Bluebird' }));
  });

  it('lints the four sections as JSON fields', async () => {
    const res = await world.call('POST', '/api/v1/lint', {
      token: writer,
      body: {
        sections: {
          whatHappened: 'From 14:05 to 15:20 UTC the API failed.',
          whoWasAffected: 'About 12% of requests.',
          whatWeDid: 'We rolled back.',
          prevention: '- Add a canary by 1 December 2026',
        },
      },
    });
    expect(res.json).toEqual({ ok: true, words: 22, findings: [] });
  });

  it('checks the times against the incident when incidentId is given', async () => {
    const id = await incident();
    const res = await world.call('POST', '/api/v1/lint', {
      token: writer,
      body: { markdown: CLEAN.replace('14:05', '13:30'), incidentId: id },
    });
    expect(res.json.ok).toBe(true);
    expect(res.json.findings).toEqual([
      expect.objectContaining({ rule: 'times-mismatch', severity: 'warning', text: '13:30' }),
    ]);
  });

  it.each([
    ['an empty object', {}, 422],
    ['both markdown and sections', { markdown: 'x', sections: {} }, 422],
    ['empty markdown', { markdown: '   ' }, 422],
    ['binary markdown', { markdown: 'abc\u0000\u0001\u0002' }, 422],
    ['an unknown field', { markdown: 'x', extra: 1 }, 422],
    ['a number', { markdown: 42 }, 422],
  ])('refuses %s with problem+json', async (_label, body, status) => {
    const res = await world.call('POST', '/api/v1/lint', { token: writer, body });
    expect(res.status).toBe(status);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
  });

  it('refuses an empty or non-JSON body with 400', async () => {
    expect((await world.call('POST', '/api/v1/lint', { token: writer, body: '' })).status).toBeGreaterThanOrEqual(400);
    const garbage = await world.call('POST', '/api/v1/lint', { token: writer, body: '\u0000\u00ff{{garbage' });
    expect(garbage.status).toBe(400);
    expect(garbage.json.code).toBe('malformed_json');
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const res = await world.call('POST', '/api/v1/lint', { token: writer, body: { markdown: 'a '.repeat(33_000) } });
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('payload_too_large');
  });

  it('needs the summaries:publish scope', async () => {
    const other = await world.token('incidents:write');
    const res = await world.call('POST', '/api/v1/lint', { token: other, body: { markdown: CLEAN } });
    expect(res.status).toBe(403);
  });
});

describe('the lexicon', () => {
  it('is stored, read back and audited; only admins manage it', async () => {
    expect((await world.call('GET', '/api/v1/lexicon', { token: admin })).json).toEqual({});
    expect((await world.call('PUT', '/api/v1/lexicon', { token: writer, body: LEXICON })).status).toBe(403);
    const put = await world.call('PUT', '/api/v1/lexicon', { token: admin, body: LEXICON });
    expect(put.json).toEqual(LEXICON);
    expect((await world.call('GET', '/api/v1/lexicon', { token: admin })).json).toEqual(LEXICON);
    const audit = await world.call('GET', '/api/v1/audit', { token: admin });
    expect(audit.json.entries.map((e: { action: string }) => e.action)).toContain('lexicon.update');
  });

  it.each([
    [{ employees: 'Jane Doe' }, 'employees'],
    [{ employee: ['Jane Doe'] }, '(lexicon)'],
    [{ internalDomains: ['not a domain'] }, 'internalDomains.0'],
    [{ tools: [''] }, 'tools.0'],
    [[1, 2], '(lexicon)'],
  ])('refuses the malformed lexicon %j with 422 naming the field', async (body, path) => {
    const res = await world.call('PUT', '/api/v1/lexicon', { token: admin, body });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('validation_failed');
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await world.call('GET', '/api/v1/lexicon', { token: admin })).json).toEqual({});
  });
});

describe('drafts and publishing', () => {
  it('keeps every draft, publishes only a clean latest version, idempotently, and keeps the history', async () => {
    await world.call('PUT', '/api/v1/lexicon', { token: admin, body: LEXICON });
    const id = await incident();

    const v1 = await world.call('PUT', `/api/v1/incidents/${id}/summary`, { token: writer, body: { markdown: LEAKY } });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ version: 1, ok: false, published: false });
    expect(v1.json.findings.length).toBeGreaterThan(5);

    const refused = await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: writer });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('Content-Type')).toContain('application/problem+json');
    expect(refused.json.code).toBe('summary_has_errors');
    expect(refused.json.findings).toContainEqual(expect.objectContaining({ rule: 'employee-name' }));

    const v2 = await world.call('PUT', `/api/v1/incidents/${id}/summary`, { token: writer, body: { markdown: CLEAN } });
    expect(v2.json).toMatchObject({ version: 2, ok: true, findings: [] });

    world.clock.advance(60_000);
    const published = await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: writer });
    expect(published.status).toBe(201);
    expect(published.json).toMatchObject({
      version: 2,
      publishedAt: '2026-11-20T12:01:00.000Z',
      publishedBy: 'token:test-summaries:publish',
    });

    const again = await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: writer });
    expect(again.status).toBe(200);
    expect(again.json.publishedAt).toBe(published.json.publishedAt);

    const v3 = await world.call('PUT', `/api/v1/incidents/${id}/summary`, {
      token: writer,
      body: { markdown: CLEAN.replace('about 12%', 'about 11%') },
    });
    expect(v3.json.version).toBe(3);
    expect((await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: writer })).status).toBe(201);

    const list = await world.call('GET', `/api/v1/incidents/${id}/summary`, { token: writer });
    expect(
      list.json.versions.map((v: { version: number; published: boolean; ok: boolean }) => [
        v.version,
        v.ok,
        v.published,
      ]),
    ).toEqual([
      [1, false, false],
      [2, true, true],
      [3, true, true],
    ]);
    expect(list.json.published.version).toBe(3);

    const audit = await world.call('GET', '/api/v1/audit', { token: admin });
    const actions = audit.json.entries.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'summary.save')).toHaveLength(3);
    expect(actions.filter((a: string) => a === 'summary.publish')).toHaveLength(2);
  });

  it('re-checks the latest draft against the current lexicon at publish time', async () => {
    const id = await incident();
    const draft = CLEAN.replace('A configuration change', 'A Bluebird configuration change');
    expect(
      (await world.call('PUT', `/api/v1/incidents/${id}/summary`, { token: writer, body: { markdown: draft } })).json
        .ok,
    ).toBe(true);
    await world.call('PUT', '/api/v1/lexicon', { token: admin, body: LEXICON });
    const res = await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: writer });
    expect(res.status).toBe(422);
    expect(res.json.findings).toContainEqual(expect.objectContaining({ rule: 'codename', text: 'Bluebird' }));
  });

  it('numbers concurrent saves 1..n without losing any', async () => {
    const id = await incident();
    const saves = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        world.call('PUT', `/api/v1/incidents/${id}/summary`, {
          token: writer,
          body: { markdown: `${CLEAN}\n<!-- ${i} -->` },
        }),
      ),
    );
    expect(saves.map((s) => s.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(saves.map((s) => s.json.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers 404 for an unknown incident or an incident without a draft', async () => {
    expect(
      (await world.call('PUT', '/api/v1/incidents/inc_nope/summary', { token: writer, body: { markdown: CLEAN } }))
        .status,
    ).toBe(404);
    const id = await incident();
    expect((await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token: writer })).status).toBe(404);
    expect((await world.call('GET', `/api/v1/incidents/${id}/summary`, { token: writer })).json.versions).toEqual([]);
  });

  it('stores nothing when a draft is refused', async () => {
    const id = await incident();
    const big = await world.call('PUT', `/api/v1/incidents/${id}/summary`, {
      token: writer,
      body: { markdown: 'x'.repeat(70_000) },
    });
    expect(big.status).toBe(413);
    const binary = await world.call('PUT', `/api/v1/incidents/${id}/summary`, {
      token: writer,
      body: { markdown: '\u0000\u0001' },
    });
    expect(binary.status).toBe(422);
    expect((await world.call('GET', `/api/v1/incidents/${id}/summary`, { token: writer })).json.versions).toEqual([]);
  });
});
