// `seed-demo` fills a realistic page: past SEV-1/SEV-2 incidents carry published customer summaries
// that pass the summary gate, most within the 48-hour commitment and a few late.
import { afterEach, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/commands/seed-demo';
import { lintSummary } from '../../src/core/summary/lint';
import { createWorld, T0, type World } from '../helpers/world';

let w: World;
afterEach(() => w?.close());

it('publishes a summary that passes the gate for each past SEV-1 and SEV-2 incident, none for SEV-3', async () => {
  w = createWorld();
  await seedDemo(w.deps, { now: T0, pastIncidents: 60, historyDays: 90, openIncidents: 2 });
  const incidents = await w.deps.store.public.latest(500);
  const past = incidents.filter((i) => i.status === 'resolved');
  const published = past.filter((i) => i.summary !== null);
  expect(published.length).toBeGreaterThan(20);
  for (const i of published) {
    expect(i.severity).not.toBe('SEV-3');
    const r = lintSummary(i.summary?.markdown ?? '', {});
    expect(r.findings, i.summary?.markdown).toEqual([]);
    expect(r.ok).toBe(true);
  }
  const hours = published.map((i) => ((i.summary?.firstPublishedAt ?? 0) - i.startedAt) / 3_600_000);
  expect(hours.filter((h) => h <= 48).length).toBeGreaterThan(hours.filter((h) => h > 48).length);
  // The history page states the track record those publications make.
  const history = await w.app.request('/history');
  const record = /within 48 hours of the incident(?:'|&#39;)s start: (\d+) of (\d+)/.exec(await history.text());
  const [met, total] = [Number(record?.[1]), Number(record?.[2])];
  expect(total).toBeGreaterThan(0);
  expect(met).toBeGreaterThan(0);
  expect(met).toBeLessThanOrEqual(total);
});
