// CLI output never passes terminal escape sequences from user data through: an incident title that
// tries to retitle the terminal or clear the screen is printed as visible \u escapes.
import { afterEach, expect, it } from 'vitest';
import { createIncidentInput } from '../../src/core/inputs';
import { nodeDeps } from '../../src/node-deps';
import { createIncident } from '../../src/services/incidents';
import { runCliInProcess, tempDbPath } from '../helpers/processes';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const ESC = '\u001b';
const HOSTILE = `Search slow${ESC}]0;owned${'\u0007'}${ESC}[2J${'\u009b'}31m${'\u202e'}txt.exe`;

it('sla status prints a hostile incident title with its control characters escaped', async () => {
  const DATABASE_PATH = tempDbPath();
  const { deps, handle } = nodeDeps({ ...process.env, DATABASE_PATH });
  cleanups.push(() => handle.close());
  const incident = await createIncident({
    deps,
    input: createIncidentInput.parse({
      title: 'Search slow',
      severity: 'SEV-1',
      startedAt: '2026-12-01T08:00:00Z',
      lead: { name: 'Dana' },
    }),
    actor: { tokenId: null, label: 't' },
  });
  // The live-text gate refuses such a title today; one stored before it (or by another tool) is still printed.
  handle.sqlite.prepare('UPDATE incidents SET title = ? WHERE id = ?').run(HOSTILE, incident.id);

  const table = await runCliInProcess(['sla', 'status', '--now', '2026-12-01T09:00:00Z'], { DATABASE_PATH });
  const json = await runCliInProcess(['sla', 'status', '--json', '--now', '2026-12-01T09:00:00Z'], { DATABASE_PATH });
  for (const out of [table.stdout, json.stdout]) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  }
  expect(table.stdout).toContain('Search slow\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m\\u202etxt.exe');
  // The JSON stays valid and carries the title as it was.
  expect(JSON.parse(json.stdout).clocks[0].incidentTitle).toBe(HOSTILE);
});

it('usage errors echo the argument escaped', async () => {
  const r = await runCliInProcess([`frob${ESC}[2Jnicate`], { DATABASE_PATH: '/nonexistent-dir/afterword.db' });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('frob\\u001b[2Jnicate');
  expect(r.stderr).not.toContain(ESC);
});
