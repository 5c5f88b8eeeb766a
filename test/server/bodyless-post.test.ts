// The README's curl lines for the bodyless verbs (publish a summary, retry a dead alert), sent by curl
// itself to the real Node server: no body, so no Content-Length and no Content-Type. Also the other
// ways a client sends "nothing": an empty JSON body, `-d ''`, and a JSON Content-Type with no body.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pastSummary } from '../../src/cli/commands/seed-demo';
import { createIncidentInput } from '../../src/core/inputs';
import { nodeDeps } from '../../src/node-deps';
import { createIncident } from '../../src/services/incidents';
import { getIncidentSla } from '../../src/services/sla-status';
import { tickSla } from '../../src/services/sla-tick';
import { saveSummaryDraft } from '../../src/services/summaries';
import { createToken } from '../../src/services/tokens';
import { ROOT, type RunningServer, startServer, tempDbPath } from '../helpers/processes';

const HOUR = 3_600_000;
const ACTOR = { tokenId: null, label: 'test' };

/** The README's shell line that contains `marker` (a curl command in a code block). */
function readmeLine(marker: string): string {
  const line = readFileSync(join(ROOT, 'README.md'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('curl ') && l.includes(marker));
  if (!line) throw new Error(`README.md has no curl line containing ${marker}`);
  return line;
}

/** Runs a shell line; prints the status code after the body so the test can read both. */
function sh(line: string, env: Record<string, string>): { status: number; json: any } {
  const out = execFileSync('sh', ['-c', `${line} -w '\\n%{http_code}'`], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const cut = out.lastIndexOf('\n');
  return { status: Number(out.slice(cut + 1)), json: JSON.parse(out.slice(0, cut)) };
}

let server: RunningServer;
let env: Record<string, string>;
const incidents: string[] = [];
const deadAlerts: string[] = [];

beforeAll(async () => {
  const DATABASE_PATH = tempDbPath();
  const { deps, handle } = nodeDeps({ ...process.env, DATABASE_PATH });
  const { secret } = await createToken({ deps, input: { name: 'admin', scopes: ['admin'] }, actor: null });
  const startedAt = Date.now() - 30 * HOUR;
  for (const title of ['Search slow', 'Login failures', 'Uploads failing']) {
    // A SEV-1 lead without any contact and no fallback: its T-24h alert is dead-lettered at once.
    const input = createIncidentInput.parse({
      title,
      severity: 'SEV-1',
      startedAt: new Date(startedAt).toISOString(),
      // Resolved: a summary about an open incident is refused (incident_open).
      resolvedAt: new Date(startedAt + HOUR).toISOString(),
      lead: { name: 'Dana' },
    });
    const inc = await createIncident({ deps, input, actor: ACTOR });
    incidents.push(inc.id);
    const markdown = pastSummary('searches were slow.', startedAt, startedAt + HOUR, ['Search']);
    await saveSummaryDraft({ deps, incidentId: inc.id, input: { markdown }, actor: ACTOR });
  }
  await tickSla({ deps });
  for (const id of incidents) {
    const { alerts } = await getIncidentSla({ deps, incidentId: id });
    expect(alerts.map((a) => a.status)).toEqual(['dead']);
    deadAlerts.push(alerts[0]!.id);
  }
  handle.close();
  server = await startServer({ DATABASE_PATH });
  env = { URL: server.url, TOKEN: secret };
}, 60_000);
afterAll(() => server?.stop());

describe('bodyless POSTs on the Node server', () => {
  it("publish: the README's curl line publishes (201), and again answers 200", () => {
    const line = readmeLine('/summary/publish');
    const first = sh(line, { ...env, ID: incidents[0]! });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(first.json).toMatchObject({ incidentId: incidents[0], version: 1 });
    expect(sh(line, { ...env, ID: incidents[0]! }).status).toBe(200);
  });

  it("publish: with a JSON Content-Type and no body, with -d '', and with {}", () => {
    const base = `curl -s -X POST $URL/api/v1/incidents/$ID/summary/publish -H "Authorization: Bearer $TOKEN"`;
    expect(sh(`${base} -H 'Content-Type: application/json'`, { ...env, ID: incidents[1]! }).status).toBe(201);
    expect(sh(`${base} -d ''`, { ...env, ID: incidents[1]! }).status).toBe(200);
    expect(sh(`${base} -H 'Content-Type: application/json' -d '{}'`, { ...env, ID: incidents[1]! }).status).toBe(200);
  });

  it("retry: the README's curl line re-queues a dead alert (202)", () => {
    const res = sh(readmeLine('/retry'), { ...env, ALERT: deadAlerts[0]! });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(res.json).toMatchObject({ alertId: deadAlerts[0], status: 'pending' });
  });

  it("retry: with a JSON Content-Type and no body, and with -d ''", () => {
    const base = `curl -s -X POST $URL/api/v1/sla/alerts/$ALERT/retry -H "Authorization: Bearer $TOKEN"`;
    expect(sh(`${base} -H 'Content-Type: application/json'`, { ...env, ALERT: deadAlerts[1]! }).status).toBe(202);
    expect(sh(`${base} -d ''`, { ...env, ALERT: deadAlerts[2]! }).status).toBe(202);
  });

  it('a real body that is not JSON is still refused (415), and writes nothing', () => {
    const line = `curl -s -X POST $URL/api/v1/incidents/$ID/summary/publish -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/plain' -d 'publish please'`;
    const res = sh(line, { ...env, ID: incidents[2]! });
    expect(res.status).toBe(415);
    expect(res.json.code).toBe('unsupported_media_type');
    expect(
      sh(`curl -s $URL/api/v1/incidents/$ID/summary -H "Authorization: Bearer $TOKEN"`, { ...env, ID: incidents[2]! })
        .json.published,
    ).toBeNull();
  });
});
