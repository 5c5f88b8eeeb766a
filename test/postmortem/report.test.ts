// Metrics and the quarterly review: MTTD/MTTA/MTTR by the timeline convention, and
// `postmortem report DIR --since 90d` over a small quarter of postmortems.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricsOf, recordedInstants, timelineInstants } from '../../src/core/postmortem/metrics';
import { readPostmortem } from '../../src/core/postmortem/model';
import { buildReport, periodStart } from '../../src/core/postmortem/report';
import { runCliInProcess } from '../helpers/processes';

const CORPUS = join(import.meta.dirname, 'corpus');
const SEV2 = readFileSync(join(CORPUS, 'clean-sev2-search-latency.md'), 'utf8');
const SEV1 = readFileSync(join(CORPUS, 'clean-sev1-checkout-payments.md'), 'utf8');
const NOW = Date.parse('2026-12-01T00:00:00Z');

function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture text not found: ${from}`);
  return text.replaceAll(from, to);
}

/** A second search incident three weeks later: same system, one item done, one without a ticket. */
let AGAIN = swap(SEV2, '2026-10-14', '2026-11-03');
AGAIN = swap(AGAIN, '# Search results slow after index rebuild', '# Search slow during catalogue import');
AGAIN = swap(AGAIN, '**Tags:** search, index-builder', '**Tags:** search, catalogue-import');
const ALERT = 'Alert when the index build runs more than 20 minutes over its median';
AGAIN = swap(AGAIN, ALERT, `~~${ALERT}~~`);
AGAIN = swap(AGAIN, '| 2026-11-15 | SRCH-413 |', '| 2026-11-15 | —        |');
const OLD = swap(swap(SEV2, '2026-10-14', '2026-06-02'), '# Search results slow', '# Old search incident');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'afterword-quarter-'));
  mkdirSync(join(dir, '2026'));
  writeFileSync(join(dir, '2026/10-14-search.md'), SEV2);
  writeFileSync(join(dir, '2026/11-03-search-again.md'), AGAIN);
  writeFileSync(join(dir, '2026/11-26-checkout.md'), SEV1);
  writeFileSync(join(dir, '2026/06-02-old.md'), OLD);
  writeFileSync(join(dir, 'README.md'), '# Our postmortems\n');
});

describe('metrics', () => {
  it('MTTD, MTTA and MTTR come from the rows marked Detected, Acknowledged and Resolved', () => {
    const m = metricsOf(timelineInstants(readPostmortem(SEV1)));
    expect(m).toEqual({ mttd: 7, mtta: 4, mttr: 82 });
  });

  it('fall back to the header when the timeline has no marks, and are unknown without an end', () => {
    const unmarked = SEV2.replace('Detected: latency', 'latency')
      .replace('Acknowledged: on-call', 'on-call')
      .replace('Resolved: p95', 'p95');
    expect(metricsOf(timelineInstants(readPostmortem(unmarked)))).toEqual({ mttd: 8, mtta: null, mttr: 53 });
  });

  it("read the same way from the API's recorded instants", () => {
    const recorded = recordedInstants({
      startedAt: '2026-11-26T13:58:00.000Z',
      detectedAt: '2026-11-26T14:05:00.000Z',
      acknowledgedAt: null,
      resolvedAt: '2026-11-26T15:20:00.000Z',
    });
    expect(metricsOf(recorded)).toEqual({ mttd: 7, mtta: null, mttr: 82 });
  });

  it('periods: 90d, 12w, 3m and ISO dates', () => {
    expect(periodStart('90d', NOW)).toBe(NOW - 90 * 86_400_000);
    expect(periodStart('12w', NOW)).toBe(NOW - 84 * 86_400_000);
    expect(periodStart('2026-09-01', NOW)).toBe(Date.parse('2026-09-01T00:00:00Z'));
    expect(periodStart('soon', NOW)).toBeNull();
  });
});

describe('quarterly report', () => {
  it('counts the period, finds the repeated system, overdue and ticketless items', () => {
    const entries = [
      { file: 'a.md', pm: readPostmortem(SEV2) },
      { file: 'b.md', pm: readPostmortem(AGAIN) },
      { file: 'c.md', pm: readPostmortem(SEV1), firstPublishedAt: Date.parse('2026-11-27T10:00:00Z') },
      { file: 'old.md', pm: readPostmortem(OLD) },
    ];
    const r = buildReport(entries, { now: NOW, from: NOW - 90 * 86_400_000 });
    expect(r.rows.map((x) => x.file)).toEqual(['a.md', 'b.md', 'c.md']);
    expect(r.bySeverity).toEqual([
      ['SEV-1', 1],
      ['SEV-2', 2],
      ['SEV-3', 0],
    ]);
    expect(r.repeated.map((g) => [g.tag, g.incidents.map((x) => x.file)])).toEqual([['search', ['a.md', 'b.md']]]);
    // a.md's items were due in October and November and are not marked done; b.md's struck-through one is done.
    expect(r.overdue.map((a) => `${a.file}:${a.due}`)).toEqual([
      'a.md:2026-10-30',
      'a.md:2026-11-15',
      'a.md:2026-10-23',
      'b.md:2026-10-30',
      'b.md:2026-11-15',
    ]);
    expect(r.ticketless.map((a) => a.file)).toEqual(['b.md']);
    expect(r.sev1Summaries).toEqual({ total: 1, within48h: 1, unknown: 0 });
  });

  it('writes one HTML page with SVG charts (CLI)', async () => {
    const out = join(dir, 'review.html');
    const r = await runCliInProcess(
      ['postmortem', 'report', dir, '--since', '90d', '--now', '2026-12-01T00:00:00Z', '--out', out],
      { DATABASE_PATH: '/nonexistent-dir/afterword.db' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 incident(s) from 2026-09-02');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('aria-label="Incidents by severity"');
    expect(html).toContain('<title>SEV-2: 2</title>');
    expect(html).toContain('<title>Checkout payments failed after card-token migration: 1h 22m</title>');
    expect(html).toContain('<strong>search</strong> (2 incidents)');
    expect(html).toContain('Overdue: 5. Without a ticket: 1.');
    expect(html).toContain('1 SEV-1(s) in the period; when their customer summaries were published is unknown');
    expect(html).not.toContain('Old search incident');
  });

  it('writes markdown too, and rejects a period it cannot read (exit 2)', async () => {
    const md = await runCliInProcess(
      ['postmortem', 'report', dir, '--format', 'markdown', '--now', '2026-12-01T00:00:00Z'],
      {},
    );
    expect(md.status).toBe(0);
    expect(md.stdout).toContain(
      '| Checkout payments failed after card-token migration | SEV-1 | 2026-11-26 | 7m | 4m | 1h 22m | – |',
    );
    expect(md.stdout).toContain('unknown (run with --url to ask Afterword)');
    expect((await runCliInProcess(['postmortem', 'report', dir, '--since', 'a while'], {})).status).toBe(2);
  });
});
