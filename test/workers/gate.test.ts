// The live-text gate, corrections and retractions inside workerd, against D1, through the Worker's fetch handler.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminToken, api } from './d1';

const GITHUB = ['ghp', '_', 'R2d2C3po'.repeat(4), 'Bb8x'].join('');
const PASSWORD = ['hunter', '2!Zq9'].join('');
const AWS_SECRET_TAIL = ['bPxRfiCY', 'EXAMPLEKEY'].join('');

async function page(path: string): Promise<string> {
  return (await SELF.fetch(`https://status.example.test${path}`)).text();
}

describe('live-text gate on workerd + D1', () => {
  it('refuses leaks and credentials, takes an override, and corrects and retracts updates everywhere', async () => {
    const token = await adminToken('gate');
    expect((await api(token, 'PUT', '/lexicon', { employees: ['Priya Natarajan'] })).status).toBe(200);

    const leak = await api(token, 'POST', '/incidents', {
      title: 'Priya Natarajan is restarting the API',
      severity: 'SEV-1',
      startedAt: '2026-11-26T14:05:00Z',
      lead: { name: 'Dana Lead' },
    });
    expect(leak.status).toBe(422);
    const refused = (await leak.json()) as { code: string; findings: { path: string; rule: string }[] };
    expect(refused.code).toBe('public_text_has_errors');
    expect(refused.findings).toMatchObject([{ path: 'title', rule: 'employee-name' }]);

    const inc = await api(token, 'POST', '/incidents', {
      title: 'Elevated API errors',
      severity: 'SEV-1',
      startedAt: '2026-11-26T14:05:00Z',
      lead: { name: 'Dana Lead' },
    });
    expect(inc.status).toBe(201);
    const { id } = (await inc.json()) as { id: string };

    const secret = await api(token, 'POST', `/incidents/${id}/updates`, {
      status: 'identified',
      body: `Rotated ${GITHUB}`,
      override: { reason: 'try' },
    });
    expect(secret.status).toBe(422);
    expect(await secret.text()).not.toContain(GITHUB);

    const overridden = await api(token, 'POST', `/incidents/${id}/updates`, {
      status: 'identified',
      body: 'Priya Natarajan found a failing disk.',
      override: { reason: 'She agreed to be named' },
    });
    expect(overridden.status).toBe(201);
    const posted = (await overridden.json()) as { id: string; warnings: { rule: string }[] };
    expect(posted.warnings.map((f) => f.rule)).toEqual(['employee-name']);
    expect(await page(`/incidents/${id}`)).toContain('Priya Natarajan found a failing disk.');

    const fixed = await api(token, 'PATCH', `/incidents/${id}/updates/${posted.id}`, {
      body: 'We found a failing disk.',
    });
    expect(fixed.status).toBe(200);
    for (const path of [`/incidents/${id}`, '/history.atom', '/api/v2/incidents.json']) {
      const text = await page(path);
      expect(text, path).toContain('We found a failing disk.');
      expect(text, path).not.toContain('Priya Natarajan');
    }

    expect((await api(token, 'DELETE', `/incidents/${id}/updates/${posted.id}`)).status).toBe(204);
    for (const path of [`/incidents/${id}`, '/history.rss', '/api/v2/incidents.json']) {
      expect(await page(path), path).not.toContain('failing disk');
    }
    const audit = (await (await api(token, 'GET', '/audit')).json()) as {
      entries: { action: string; details: { gate?: { decision: string; reason: string } } | null }[];
    };
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['incident.update.post', 'incident.update.edit', 'incident.update.retract']),
    );
    expect(
      audit.entries.find((e) => e.action === 'incident.update.post' && e.details?.gate)?.details?.gate,
    ).toMatchObject({ decision: 'override', reason: 'She agreed to be named' });
  });

  it('refuses the leaks people write in words: a password told, an address spelled out, a ticket and a codename', async () => {
    const token = await adminToken('gate-words');
    const lexicon = { codenames: ['Bluebird'], ticketPrefixes: ['OPS'] };
    expect((await api(token, 'PUT', '/lexicon', lexicon)).status).toBe(200);
    const incident = (title: string, message: string) =>
      api(token, 'POST', '/incidents', {
        title,
        message,
        severity: 'SEV-2',
        startedAt: '2026-11-26T14:05:00Z',
        lead: { name: 'Dana Lead' },
      });
    const cases: [string, string, string][] = [
      ['Login errors', `The admin password is ${PASSWORD} for now.`, 'secret'],
      ['Login errors', `Set AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG ${AWS_SECRET_TAIL} then.`, 'secret'],
      ['Login errors', 'Write to priya (at) acme (dot) io for details.', 'contact-info'],
      ['OPS_1234: login errors', 'Investigating.', 'ticket-id'],
      ['The Bluebirds are down', 'Investigating.', 'codename'],
    ];
    for (const [title, message, rule] of cases) {
      const res = await incident(title, message);
      const body = await res.text();
      expect(res.status, body).toBe(422);
      expect(body).toContain(`"rule":"${rule}"`);
      expect(body).not.toContain(PASSWORD);
      expect(body).not.toContain(AWS_SECRET_TAIL);
    }
    expect((await incident('Login errors', 'We are investigating failed logins.')).status).toBe(201);
    for (const path of ['/', '/history.atom', '/api/v2/incidents.json']) {
      const text = await page(path);
      expect(text, path).not.toContain(PASSWORD);
      expect(text, path).not.toContain(AWS_SECRET_TAIL);
      expect(text, path).not.toContain('Bluebirds');
    }
  });
});
