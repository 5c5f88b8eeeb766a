// The live-text gate at every public text field of the publish API: plain leaks refused (422 with
// findings naming the field, nothing written), one request may override (audited with the findings),
// the `warn` setting lets findings through as warnings, and a credential is always refused and never
// stored or echoed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world';
import { databaseText, PUBLIC_FIELDS, send } from './fields';

const LEXICON = { employees: ['Priya Natarajan'], ticketPrefixes: ['OPS'] };
const LEAK = 'Priya Natarajan is restarting db-prod-03.acme.internal, see OPS-1234';
const GITHUB = ['ghp', '_', 'R2d2C3po'.repeat(4), 'Bb8x'].join('');
const CREDENTIAL = `We rotated ${GITHUB} after the restart`;

let w: World;
let token: string;
beforeEach(async () => {
  w = createWorld();
  token = await w.token('admin');
  expect((await w.call('PUT', '/api/v1/lexicon', { token, body: LEXICON })).status).toBe(200);
});
afterEach(() => w.close());

async function auditEntries() {
  return (await w.call('GET', '/api/v1/audit', { token })).json.entries as {
    action: string;
    details: any;
  }[];
}

describe.each(PUBLIC_FIELDS)('$name', (field) => {
  it('refuses a plain leak with 422 and findings naming the field, writes nothing, and takes clean text', async () => {
    const write = await field.prepare(w, token);
    const before = databaseText(w);
    const res = await send(w, token, write(LEAK));
    expect(res.status, res.text).toBe(422);
    expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    expect(res.json.code).toBe('public_text_has_errors');
    expect(res.json.overridable).toBe(true);
    expect(res.json.findings.map((f: { path: string; rule: string }) => [f.path, f.rule])).toEqual([
      [field.path, 'employee-name'],
      [field.path, 'internal-host'],
      [field.path, 'ticket-id'],
    ]);
    expect(databaseText(w)).toBe(before);

    const clean = await send(w, token, write('We are looking into slow responses'));
    expect(clean.status, clean.text).toBeLessThan(300);
    expect(clean.json.warnings).toEqual([]);
  });

  it('lets one request override, recorded in the audit log with the reason and the findings', async () => {
    const write = await field.prepare(w, token);
    const reason = 'The customer asked us to name the host';
    const res = await send(w, token, write(LEAK), { override: { reason } });
    expect(res.status, res.text).toBeLessThan(300);
    expect(res.json.override).toBeUndefined();
    expect(res.json.warnings.map((f: { path: string; rule: string }) => `${f.path}:${f.rule}`)).toEqual([
      `${field.path}:employee-name`,
      `${field.path}:internal-host`,
      `${field.path}:ticket-id`,
    ]);
    const [entry] = await auditEntries();
    expect(entry?.details.gate).toMatchObject({ decision: 'override', reason });
    expect(entry?.details.gate.findings).toContainEqual(
      expect.objectContaining({ path: field.path, rule: 'internal-host', text: 'db-prod-03.acme.internal' }),
    );
    // The next request is gated again.
    expect((await send(w, token, write(LEAK))).status).toBe(422);
  });

  it('in warn mode accepts leak findings and returns them as warnings', async () => {
    const write = await field.prepare(w, token);
    const mode = await w.call('PUT', '/api/v1/settings/gate', { token, body: { liveText: 'warn' } });
    expect(mode.json).toEqual({ liveText: 'warn' });
    const res = await send(w, token, write(LEAK));
    expect(res.status, res.text).toBeLessThan(300);
    expect(res.json.warnings).toContainEqual(
      expect.objectContaining({ path: field.path, rule: 'employee-name', severity: 'error', text: 'Priya Natarajan' }),
    );
    const [entry] = await auditEntries();
    expect(entry?.details.gate.decision).toBe('warn');
  });

  it('always refuses a credential, with an override and in warn mode, and never stores or echoes it', async () => {
    const write = await field.prepare(w, token);
    await w.call('PUT', '/api/v1/settings/gate', { token, body: { liveText: 'warn' } });
    const before = databaseText(w);
    for (const extra of [{}, { override: { reason: 'needed' } }]) {
      const res = await send(w, token, write(CREDENTIAL), extra);
      expect(res.status).toBe(422);
      expect(res.json.overridable).toBe(false);
      expect(res.json.findings).toContainEqual(
        expect.objectContaining({ path: field.path, rule: 'secret', text: 'ghp_… (40 characters)' }),
      );
      expect(res.text).not.toContain(GITHUB);
    }
    expect(databaseText(w)).toBe(before);
    expect(databaseText(w)).not.toContain(GITHUB);
  });
});

describe('the gate setting', () => {
  it('defaults to block, is admin-only, and refuses an unknown mode', async () => {
    expect((await w.call('GET', '/api/v1/settings/gate', { token })).json).toEqual({ liveText: 'block' });
    const writer = await w.token('incidents:write');
    expect((await w.call('PUT', '/api/v1/settings/gate', { token: writer, body: { liveText: 'warn' } })).status).toBe(
      403,
    );
    const bad = await w.call('PUT', '/api/v1/settings/gate', { token, body: { liveText: 'off' } });
    expect(bad.status).toBe(422);
    expect(bad.json.code).toBe('validation_failed');
  });

  it('an override needs a reason', async () => {
    const res = await w.call('POST', '/api/v1/components', { token, body: { name: 'API', override: { reason: ' ' } } });
    expect(res.status).toBe(422);
    expect(res.json.errors).toContainEqual(expect.objectContaining({ path: 'override.reason' }));
  });

  it('an incident write that touches no public text is not gated by old text', async () => {
    // Written before the lexicon named her (the gate reads today's lexicon on each write).
    await w.call('PUT', '/api/v1/lexicon', { token, body: {} });
    const created = await w.call('POST', '/api/v1/incidents', {
      token,
      body: {
        title: 'Priya Natarajan restarted the API',
        severity: 'SEV-2',
        startedAt: '2026-11-20T10:00:00Z',
        lead: { name: 'Dana' },
      },
    });
    expect(created.status).toBe(201);
    await w.call('PUT', '/api/v1/lexicon', { token, body: LEXICON });
    const res = await w.call('PATCH', `/api/v1/incidents/${created.json.id}`, { token, body: { severity: 'SEV-1' } });
    expect(res.status).toBe(200);
    expect(res.json.warnings).toEqual([]);
  });
});
