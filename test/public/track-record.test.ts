// The history page states the publication commitment's track record (n of m over 90 days), counted
// from summaries published through the real summary API; a later correction keeps a met verdict.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLEAN } from '../core/summary/fixtures';
import { createWorld, T0, type World } from '../helpers/world';

const H = 3_600_000;
let world: World;
let token: string;
beforeEach(async () => {
  world = createWorld();
  token = await world.token('admin');
});
afterEach(() => world.close());

async function incident(title: string, startedAt: number) {
  const res = await world.call('POST', '/api/v1/incidents', {
    token,
    body: {
      title,
      severity: 'SEV-1',
      startedAt: new Date(startedAt).toISOString(),
      // Resolved an hour in: a summary is published only about a closed incident.
      resolvedAt: new Date(startedAt + H).toISOString(),
      lead: { name: 'Dana' },
    },
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function publishAt(id: string, at: number, markdown = CLEAN) {
  world.clock.set(at);
  expect((await world.call('PUT', `/api/v1/incidents/${id}/summary`, { token, body: { markdown } })).status).toBe(201);
  const res = await world.call('POST', `/api/v1/incidents/${id}/summary/publish`, { token });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

async function historyText() {
  const res = await world.app.request('/history');
  return (await res.text())
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('track record on /history', () => {
  it('says so when nothing has come due', async () => {
    await incident('Just started', T0 - 5 * H);
    world.clock.set(T0);
    expect(await historyText()).toContain('No incident in the last 90 days has come due for a customer summary yet.');
  });

  it('counts met, late and breached summaries, not running clocks', async () => {
    const inTime = await incident('In time', T0 - 100 * H);
    const late = await incident('Late', T0 - 80 * H);
    await incident('Breached', T0 - 60 * H);
    await incident('Running', T0 - 5 * H);
    await publishAt(inTime, T0 - 90 * H);
    await publishAt(late, T0 - 20 * H);
    // A corrected version of the in-time summary, published after its deadline.
    await publishAt(inTime, T0 - H, CLEAN.replace('about 12%', 'about 11%'));

    world.clock.set(T0);
    expect(await historyText()).toContain(
      "Customer summaries published within 48 hours of the incident's start: 1 of 3 in the last 90 days.",
    );
    const page = await (await world.app.request(`/incidents/${inTime}`)).text();
    expect(page).toContain('about 11%');
    expect(page).toContain('within our 48-hour commitment');
  });
});
