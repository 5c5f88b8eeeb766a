// The lexicon is compiled once per object (about 90 ms for 10,000 employees), so every request must
// get the same object while the stored setting is unchanged, and a new one as soon as it changes.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { getLexicon } from '../../src/services/lexicon';
import { createWorld, type World } from '../helpers/world';

let w: World;
let token: string;
beforeEach(async () => {
  w = createWorld();
  token = await w.token('admin');
});
afterEach(() => w.close());

it('hands out one lexicon object while the setting is unchanged, and the new one after a change', async () => {
  expect((await w.call('PUT', '/api/v1/lexicon', { token, body: { employees: ['Priya Raman'] } })).status).toBe(200);
  const first = await getLexicon({ deps: w.deps });
  expect(await getLexicon({ deps: w.deps })).toBe(first);
  expect(Object.isFrozen(first)).toBe(true);

  expect((await w.call('PUT', '/api/v1/lexicon', { token, body: { employees: ['Tom Okafor'] } })).status).toBe(200);
  const second = await getLexicon({ deps: w.deps });
  expect(second).not.toBe(first);
  expect(second.employees).toEqual(['Tom Okafor']);
  // The gate reads the new roster at once: the old name passes, the new one is caught.
  const lint = async (markdown: string) =>
    (await w.call('POST', '/api/v1/lint', { token, body: { markdown } })).json.findings.map(
      (f: { rule: string }) => f.rule,
    );
  expect(await lint('Tom Okafor restarted the service.')).toContain('employee-name');
  expect(await lint('Priya Raman restarted the service.')).not.toContain('employee-name');
});

it("reads a fresh world without the previous world's lexicon", async () => {
  expect((await getLexicon({ deps: w.deps })).employees).toBeUndefined();
});
