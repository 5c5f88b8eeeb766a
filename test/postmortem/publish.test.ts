// `postmortem publish` against a running server (the real Node process, its own database): finds
// or creates the incident, saves the customer section as a draft, publishes it; twice changes nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, runCliInProcess, startServer, tempDbPath } from '../helpers/processes';

const CORPUS = 'test/postmortem/corpus';
let server: RunningServer;
let token: string;
let dir: string;
let sev1File = '';

beforeAll(async () => {
  const DATABASE_PATH = tempDbPath();
  const created = await runCliInProcess(
    ['token', 'create', '--name', 'postmortems', '--scope', 'incidents:write', 'summaries:publish'],
    { DATABASE_PATH },
  );
  expect(created.status, created.stderr).toBe(0);
  token = created.stdout.trimEnd().split('\n').at(-1) ?? '';
  server = await startServer({ DATABASE_PATH });
  dir = mkdtempSync(join(tmpdir(), 'afterword-publish-'));
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

async function publish(file: string, extra: string[] = [], env: Record<string, string> = {}) {
  const r = await runCliInProcess(['postmortem', 'publish', file, '--url', server.url, ...extra], {
    AFTERWORD_TOKEN: token,
    DATABASE_PATH: '/nonexistent-dir/afterword.db',
    ...env,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function get(path: string) {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.json() as Promise<any>;
}

describe('postmortem publish', () => {
  it('creates the incident resolved from the header, saves and publishes the summary; twice changes nothing', async () => {
    const file = `${CORPUS}/clean-sev2-search-latency.md`;
    const first = await publish(file, ['--publish']);
    expect(first.code, first.err).toBe(0);
    const id = /incident: (inc_\w+) \(created, resolved\)/.exec(first.out)?.[1];
    expect(id).toBeDefined();
    expect(first.out).toContain('summary: saved version 1');
    expect(first.out).toMatch(/published: version 1 at 20\d\d-/);

    const incident = await get(`/incidents/${id}`);
    expect(incident).toMatchObject({
      title: 'Search results slow after index rebuild',
      severity: 'SEV-2',
      status: 'resolved',
      startedAt: '2026-10-14T09:12:00.000Z',
      detectedAt: '2026-10-14T09:20:00.000Z',
      acknowledgedAt: '2026-10-14T09:24:00.000Z',
      resolvedAt: '2026-10-14T10:05:00.000Z',
      lead: expect.objectContaining({ name: 'Priya Raman' }),
    });
    const summary = await get(`/incidents/${id}/summary`);
    expect(summary.versions).toHaveLength(1);
    expect(summary.versions[0].markdown).toMatch(/^### What happened\n\nOn 14 October, from 09:12 to 10:05 UTC/);
    expect(summary.versions[0].markdown).not.toContain('## Action items');
    expect(summary.published.version).toBe(1);

    const second = await publish(file, ['--publish']);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain(`incident: ${id} (found by title, severity and start)`);
    expect(second.out).toContain('summary: unchanged (version 1)');
    expect(second.out).toContain('published: unchanged (version 1)');
    const after = await get(`/incidents/${id}/summary`);
    expect(after).toEqual(summary);
    const all = await get('/incidents?limit=100');
    expect(all.incidents.filter((i: { title: string }) => i.title === incident.title)).toHaveLength(1);
  });

  it('uses the incident named by "Incident:", and saves a new draft only when the text changed', async () => {
    const source = readFileSync(`${CORPUS}/clean-sev1-checkout-payments.md`, 'utf8');
    const created = await fetch(`${server.url}/api/v1/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Checkout payments failing',
        severity: 'SEV-1',
        startedAt: '2026-11-26T13:58:00Z',
        resolvedAt: '2026-11-26T15:20:00Z',
        lead: { name: 'Dana Okafor' },
      }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const file = join(dir, 'sev1.md');
    writeFileSync(file, source.replace('**Incident:** inc_checkout_1126', `**Incident:** ${created.id}`));

    const draft = await publish(file);
    expect(draft.code, draft.err).toBe(0);
    expect(draft.out).toContain(`incident: ${created.id} (from the header)`);
    expect(draft.out).toContain('summary: saved version 1');
    expect((await get(`/incidents/${created.id}/summary`)).published).toBeNull();

    writeFileSync(file, readFileSync(file, 'utf8').replace('Other payment methods', 'Other ways to pay'));
    const edited = await publish(file, ['--publish']);
    expect(edited.out).toContain('summary: saved version 2');
    expect(edited.out).toContain('published: version 2');
    expect((await publish(file, ['--publish'])).out).toContain('summary: unchanged (version 2)');
    expect((await get(`/incidents/${created.id}/summary`)).versions).toHaveLength(2);
    sev1File = file;
  });

  it("records the document's link (GitHub Actions' file link, or --doc-url); twice changes nothing", async () => {
    const file = `${CORPUS}/clean-sev2-search-latency.md`;
    const actions = {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/postmortems',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF_TYPE: 'branch',
      GITHUB_REF_NAME: 'main',
      GITHUB_WORKSPACE: process.cwd(),
    };
    const expected =
      'https://github.com/acme/postmortems/blob/main/test/postmortem/corpus/clean-sev2-search-latency.md';
    const first = await publish(file, ['--publish'], actions);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(`postmortem link: recorded ${expected}`);
    const id = /incident: (inc_\w+)/.exec(first.out)?.[1];
    const linked = await get(`/incidents/${id}/postmortem`);
    // Resolved on 14 October, linked today: the clock stopped, late.
    expect(linked).toMatchObject({ required: true, state: 'met_late', document: { url: expected } });

    const again = await publish(file, ['--publish'], { ...actions, GITHUB_SHA: 'b'.repeat(40) });
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('postmortem link: unchanged');
    expect(await get(`/incidents/${id}/postmortem`)).toEqual(linked);

    const wiki = 'https://wiki.example.com/postmortems/search-latency';
    const moved = await publish(file, ['--doc-url', wiki], actions);
    expect(moved.out).toContain(`postmortem link: recorded ${wiki}`);
    expect(await get(`/incidents/${id}/postmortem`)).toMatchObject({
      linkedAt: linked.linkedAt, // the clock stopped at the first link
      document: { url: wiki },
    });
    expect((await publish(file, ['--doc-url', wiki], actions)).out).toContain('postmortem link: unchanged');

    const bad = await publish(file, ['--doc-url', 'ftp://files.example.com/pm.md']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('must be an http or https URL');
    expect((await get(`/incidents/${id}/postmortem`)).document.url).toBe(wiki);
  });

  it('report --url reads the recorded times and when each SEV-1 summary was first published', async () => {
    const quarter = mkdtempSync(join(tmpdir(), 'afterword-quarter-'));
    writeFileSync(join(quarter, 'sev1.md'), readFileSync(sev1File, 'utf8'));
    writeFileSync(join(quarter, 'sev2.md'), readFileSync(`${CORPUS}/clean-sev2-search-latency.md`, 'utf8'));
    const r = await runCliInProcess(
      ['postmortem', 'report', quarter, '--format', 'markdown', '--now', '2026-12-31T00:00:00Z', '--url', server.url],
      { AFTERWORD_TOKEN: token },
    );
    expect(r.status, r.stderr).toBe(0);
    // The SEV-1 was created with start and resolution only; the SEV-2 with every instant.
    expect(r.stdout).toContain(
      '| Checkout payments failed after card-token migration | SEV-1 | 2026-11-26 | 7m | 4m | 1h 22m | 1h 22m |',
    );
    expect(r.stdout).toContain(
      '| Search results slow after index rebuild | SEV-2 | 2026-10-14 | 8m | 4m | 53m | 53m |',
    );
    // Published today, days after the 26 November start: not within 48 hours.
    expect(r.stdout).toContain('0 of 1 SEV-1(s) (0%) had the customer summary published within 48 hours');
  });

  it('prints the findings at their place in the file and exits 1 when the gate refuses the section', async () => {
    const source = readFileSync(`${CORPUS}/flawed-summary-leaks.md`, 'utf8');
    const file = join(dir, 'leaky.md');
    writeFileSync(file, source.replace('# Search results slow after index rebuild', '# Search slow again'));
    const r = await publish(file, ['--publish']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${file}:47:21  error  summary/utc-times  "11:12" is not stated in UTC.`);
    expect(r.out).not.toContain('published:');
    expect(r.err).toContain('does not pass the gate');
  });

  it('needs AFTERWORD_TOKEN and an http(s) URL (exit 2); a missing incident id exits 1', async () => {
    expect((await publish(`${CORPUS}/clean-sev2-search-latency.md`, [], { AFTERWORD_TOKEN: '' })).code).toBe(2);
    const bad = await runCliInProcess(
      ['postmortem', 'publish', `${CORPUS}/clean-sev2-search-latency.md`, '--url', 'file:///etc'],
      { AFTERWORD_TOKEN: token },
    );
    expect(bad.status).toBe(2);
    const file = join(dir, 'ghost.md');
    writeFileSync(
      file,
      readFileSync(`${CORPUS}/clean-sev1-checkout-payments.md`, 'utf8').replace(
        'inc_checkout_1126',
        'inc_nosuchincident',
      ),
    );
    const r = await publish(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('incident inc_nosuchincident');
    expect(r.out + r.err).not.toContain(token);
  });
});
