// The summary gate inside workerd: lintSummary gives the same findings as on Node, and the lint,
// draft and publish API runs against D1 through the Worker's own fetch handler.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { lintSummary } from '../../src/core/summary/lint';
import { CLEAN, LEAKY, LEXICON } from '../core/summary/fixtures';
import { adminToken } from './d1';

function api(token: string, method: string, path: string, body?: unknown) {
  return SELF.fetch(`https://status.example.test/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('lintSummary on workerd', () => {
  it('finds nothing in the clean fixture', () => {
    expect(lintSummary(CLEAN, LEXICON)).toEqual({ ok: true, words: expect.any(Number), findings: [] });
  });

  it('finds the planted leaks at the same positions as on Node', () => {
    const r = lintSummary(LEAKY, LEXICON);
    expect(r.findings.map((f) => `${f.line}:${f.column} ${f.rule} ${f.text}`)).toEqual([
      '4:41 employee-name Jane',
      '4:69 internal-host db-prod-03',
      '4:81 internal-host 10.0.3.7',
      '4:95 internal-tool PagerDuty',
      '7:25 jargon tier 3',
      '7:35 jargon SKU 4421',
      '10:16 ticket-id deploy #1287',
      '10:30 ticket-id OPS-1234',
      '10:54 chat-channel #inc-api',
      '10:64 secret Pass… (17 characters)',
      '13:3 action-items Canary checks for Bluebird (Owner: @jane)',
      '13:21 codename Bluebird',
      '13:31 owner Owner:',
      '13:38 employee-name @jane',
      '15:3 action-items Better runbooks by Q1 2027',
    ]);
  });

  it('survives deeply nested markdown', () => {
    expect(lintSummary(`## What happened\n${'>'.repeat(20_000)} x`, {}).ok).toBe(false);
  });
});

describe('summary API on workerd + D1', () => {
  it('lints, saves drafts, refuses a leaky one and publishes a clean one once', async () => {
    const token = await adminToken();
    expect((await api(token, 'PUT', '/lexicon', LEXICON)).status).toBe(200);

    const lint = await api(token, 'POST', '/lint', { markdown: LEAKY });
    expect(lint.status).toBe(200);
    const linted = (await lint.json()) as { ok: boolean; findings: { rule: string }[] };
    expect(linted.ok).toBe(false);
    expect(linted.findings.map((f) => f.rule)).toContain('employee-name');

    const inc = await api(token, 'POST', '/incidents', {
      title: 'Elevated API errors',
      severity: 'SEV-2',
      startedAt: '2026-11-26T14:05:00Z',
      lead: { name: 'Dana Lead' },
    });
    const { id } = (await inc.json()) as { id: string };

    expect((await api(token, 'PUT', `/incidents/${id}/summary`, { markdown: LEAKY })).status).toBe(201);
    const open = await api(token, 'POST', `/incidents/${id}/summary/publish`);
    expect(open.status).toBe(422);
    expect(((await open.json()) as { code: string }).code).toBe('incident_open');
    const resolved = await api(token, 'POST', `/incidents/${id}/resolve`, { resolvedAt: '2026-11-26T15:20:00Z' });
    expect(resolved.status).toBe(200);
    const refused = await api(token, 'POST', `/incidents/${id}/summary/publish`);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { code: string }).code).toBe('summary_has_errors');

    const v2 = await api(token, 'PUT', `/incidents/${id}/summary`, { markdown: CLEAN });
    expect(((await v2.json()) as { version: number }).version).toBe(2);
    expect((await api(token, 'POST', `/incidents/${id}/summary/publish`)).status).toBe(201);
    expect((await api(token, 'POST', `/incidents/${id}/summary/publish`)).status).toBe(200);

    const list = (await (await api(token, 'GET', `/incidents/${id}/summary`)).json()) as {
      versions: { version: number; published: boolean }[];
    };
    expect(list.versions.map((v) => [v.version, v.published])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('refuses an oversized summary with 413 and a malformed lexicon with 422', async () => {
    const token = await adminToken();
    const big = await api(token, 'POST', '/lint', { markdown: 'a '.repeat(33_000) });
    expect(big.status).toBe(413);
    const bad = await api(token, 'PUT', '/lexicon', { employees: 'Jane' });
    expect(bad.status).toBe(422);
  });
});
