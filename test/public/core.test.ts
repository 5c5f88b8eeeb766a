// The pure rules behind the public page: roll-up, impact, uptime cells, day grouping, freshness, commitment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summaryCommitment } from '../../src/core/public/commitment';
import { freshness } from '../../src/core/public/freshness';
import { bodyHash } from '../../src/core/public/hash';
import {
  addMonths,
  defaultHistoryMonth,
  groupByDay,
  historyQuery,
  matchesHistoryFilter,
  monthRange,
  parseHistorySeverity,
  parseMonth,
} from '../../src/core/public/history';
import { clip, documentTitle, faviconState, homeDescription, incidentDescription } from '../../src/core/public/preview';
import type { PublicIncident } from '../../src/core/public/snapshot';
import {
  effectiveMaintenanceStatus,
  incidentImpact,
  maintenanceClockTransition,
  overallStatus,
  publicComponentStatus,
  statusAfterMove,
  statusWithoutPrivate,
  withoutPrivateImpacts,
} from '../../src/core/public/status';
import { componentTree } from '../../src/core/public/tree';
import {
  DAY_MS,
  DOWNTIME_WEIGHT,
  type UptimeIncident,
  uptimeBars,
  weightedDowntime,
} from '../../src/core/public/uptime';
import { DEFAULT_SLA_POLICY } from '../../src/core/sla/policy';
import type { ComponentStatus } from '../../src/core/types';

const at = (s: string) => Date.parse(s);
const NOW = at('2026-11-20T12:00:00Z');
const OLD = at('2020-01-01T00:00:00Z');

describe('overallStatus', () => {
  it.each<[ComponentStatus[], ('none' | 'minor' | 'major' | 'critical')[], string, string]>([
    [[], [], 'none', 'All Systems Operational'],
    [['operational', 'operational'], [], 'none', 'All Systems Operational'],
    [['operational', 'degraded_performance'], [], 'minor', 'Minor Service Outage'],
    [['partial_outage', 'degraded_performance'], [], 'major', 'Partial System Outage'],
    [['major_outage', 'partial_outage'], [], 'critical', 'Major System Outage'],
    [['under_maintenance', 'operational'], [], 'none', 'Service Under Maintenance'],
    [['operational'], ['major'], 'major', 'Partial System Outage'],
    [['under_maintenance'], ['minor'], 'minor', 'Minor Service Outage'],
  ])('%j with open impacts %j -> %s', (statuses, impacts, indicator, description) => {
    const o = overallStatus(statuses, impacts);
    expect(o.indicator).toBe(indicator);
    expect(o.description).toBe(description);
  });
});

describe('incidentImpact', () => {
  it.each<[string, { id: string; status: ComponentStatus }[], string]>([
    ['SEV-2', [{ id: 'a', status: 'degraded_performance' }], 'minor'],
    [
      'SEV-2',
      [
        { id: 'a', status: 'degraded_performance' },
        { id: 'b', status: 'major_outage' },
      ],
      'critical',
    ],
    ['SEV-1', [], 'critical'],
    ['SEV-2', [], 'major'],
    ['SEV-3', [{ id: 'a', status: 'operational' }], 'minor'],
  ])('%s with %j -> %s', (severity, components, impact) => {
    expect(incidentImpact({ severity: severity as 'SEV-1', components })).toBe(impact);
  });
});

describe('private incidents leave the public component status alone', () => {
  it.each<[ComponentStatus, ComponentStatus[], ComponentStatus[], ComponentStatus]>([
    // Only a private incident explains the outage: the public sees what public incidents say.
    ['major_outage', [], ['major_outage'], 'operational'],
    ['major_outage', ['degraded_performance'], ['major_outage'], 'degraded_performance'],
    ['partial_outage', [], ['degraded_performance', 'partial_outage'], 'operational'],
    // A public incident reports as much or worse: nothing to hide.
    ['partial_outage', ['partial_outage'], ['partial_outage'], 'partial_outage'],
    ['major_outage', ['major_outage'], ['degraded_performance'], 'major_outage'],
    // An operator's own setting that no private incident matches stays.
    ['major_outage', [], ['degraded_performance'], 'major_outage'],
    ['under_maintenance', [], ['major_outage'], 'under_maintenance'],
    ['operational', [], ['major_outage'], 'operational'],
  ])('stored %s, public %j, private %j -> %s', (stored, pub, priv, shown) => {
    expect(statusWithoutPrivate(stored, pub, priv)).toBe(shown);
  });

  it('applies per component and keeps the untouched ones as they are', () => {
    const components = [
      { id: 'api', status: 'major_outage' as const },
      { id: 'web', status: 'degraded_performance' as const },
      { id: 'db', status: 'partial_outage' as const },
    ];
    const out = withoutPrivateImpacts(
      components,
      [{ components: [{ id: 'web', status: 'degraded_performance' }] }],
      [
        { id: 'api', status: 'major_outage' },
        { id: 'web', status: 'major_outage' },
      ],
    );
    expect(out.map((c) => c.status)).toEqual(['operational', 'degraded_performance', 'partial_outage']);
    expect(out[2]).toBe(components[2]);
    expect(withoutPrivateImpacts(components, [], [])).toBe(components);
  });
});

describe('maintenance on the clock', () => {
  const m = { status: 'scheduled' as const, scheduledFor: NOW + 1000, scheduledUntil: NOW + 2000 };
  it.each([
    [NOW, 'scheduled'],
    [NOW + 1000, 'in_progress'],
    [NOW + 1999, 'in_progress'],
    [NOW + 2000, 'completed'],
  ])('at +%d it reads %s', (now, status) => {
    expect(effectiveMaintenanceStatus(m, now)).toBe(status);
  });
  it('an operator-set status wins inside the window, and completed stays completed', () => {
    expect(effectiveMaintenanceStatus({ ...m, status: 'verifying' }, NOW + 1500)).toBe('verifying');
    expect(effectiveMaintenanceStatus({ ...m, status: 'completed' }, NOW + 1500)).toBe('completed');
  });
  it.each([
    ['scheduled', NOW, null],
    ['scheduled', NOW + 1000, 'started'],
    ['scheduled', NOW + 2000, 'completed'],
    ['in_progress', NOW + 1500, null],
    ['in_progress', NOW + 2000, 'completed'],
    ['verifying', NOW + 1500, null],
    ['verifying', NOW + 2500, 'completed'],
    ['completed', NOW + 1500, null],
    ['completed', NOW + 2500, null],
  ] as const)('the tick moves a window stored %s at +%d: %s', (status, now, transition) => {
    expect(maintenanceClockTransition({ ...m, status }, now)).toBe(transition);
  });
  it.each([
    ['in_progress', NOW + 500, 'scheduled'],
    ['completed', NOW + 500, 'scheduled'],
    ['completed', NOW + 1500, 'in_progress'],
    ['verifying', NOW + 1500, 'verifying'],
    ['completed', NOW + 2500, 'completed'],
  ] as const)('a window stored %s, moved, read at +%d: %s', (status, now, expected) => {
    expect(statusAfterMove({ ...m, status }, now)).toBe(expected);
  });
  it('an operational component inside an active window reads under maintenance; an outage still reads as outage', () => {
    const active = [{ components: ['a', 'b'] }];
    expect(publicComponentStatus({ id: 'a', status: 'operational' }, active)).toBe('under_maintenance');
    expect(publicComponentStatus({ id: 'b', status: 'major_outage' }, active)).toBe('major_outage');
    expect(publicComponentStatus({ id: 'c', status: 'operational' }, active)).toBe('operational');
  });
});

function inc(id: string, start: string, end: string | null, components: [string, ComponentStatus][]): UptimeIncident {
  return {
    id,
    title: `Incident ${id}`,
    startedAt: at(start),
    resolvedAt: end === null ? null : at(end),
    components: components.map(([cid, status]) => ({ id: cid, status })),
  };
}

describe('uptimeBars', () => {
  const comp = [{ id: 'api', createdAt: OLD }];

  it('has 90 cells, oldest first, the last one today, all operational without incidents', () => {
    const [bar] = uptimeBars(comp, [], NOW);
    expect(bar?.days).toHaveLength(90);
    expect(bar?.days[89]?.date).toBe('2026-11-20');
    expect(bar?.days[0]?.date).toBe('2026-08-23');
    expect(bar?.days.every((d) => d.worst === 'operational' && d.minutesAffected === 0)).toBe(true);
    expect(bar?.uptimePercent).toBe(100);
  });

  it.each<[string, UptimeIncident[], string, ComponentStatus | 'no_data', number, number]>([
    [
      'one hour of partial outage',
      [inc('1', '2026-11-18T10:00:00Z', '2026-11-18T11:00:00Z', [['api', 'partial_outage']])],
      '2026-11-18',
      'partial_outage',
      60,
      1,
    ],
    [
      'the worst impact of the day wins',
      [
        inc('1', '2026-11-18T10:00:00Z', '2026-11-18T11:00:00Z', [['api', 'degraded_performance']]),
        inc('2', '2026-11-18T15:00:00Z', '2026-11-18T15:10:00Z', [['api', 'major_outage']]),
      ],
      '2026-11-18',
      'major_outage',
      70,
      2,
    ],
    [
      'overlapping incidents count their minutes once',
      [
        inc('1', '2026-11-18T10:00:00Z', '2026-11-18T11:00:00Z', [['api', 'partial_outage']]),
        inc('2', '2026-11-18T10:30:00Z', '2026-11-18T11:30:00Z', [['api', 'partial_outage']]),
      ],
      '2026-11-18',
      'partial_outage',
      90,
      2,
    ],
    [
      'an incident across midnight marks both days (first day)',
      [inc('1', '2026-11-17T23:00:00Z', '2026-11-18T01:00:00Z', [['api', 'major_outage']])],
      '2026-11-17',
      'major_outage',
      60,
      1,
    ],
    [
      'an incident across midnight marks both days (second day)',
      [inc('1', '2026-11-17T23:00:00Z', '2026-11-18T01:00:00Z', [['api', 'major_outage']])],
      '2026-11-18',
      'major_outage',
      60,
      1,
    ],
    [
      'an open incident counts until now',
      [inc('1', '2026-11-20T11:00:00Z', null, [['api', 'partial_outage']])],
      '2026-11-20',
      'partial_outage',
      60,
      1,
    ],
    [
      'other components are not this one',
      [inc('1', '2026-11-18T10:00:00Z', '2026-11-18T11:00:00Z', [['db', 'major_outage']])],
      '2026-11-18',
      'operational',
      0,
      0,
    ],
  ])('%s', (_name, incidents, date, worst, minutes, count) => {
    const [bar] = uptimeBars(comp, incidents, NOW);
    const cell = bar?.days.find((d) => d.date === date);
    expect(cell?.worst).toBe(worst);
    expect(cell?.minutesAffected).toBe(minutes);
    expect(cell?.incidents).toHaveLength(count);
  });

  it('weights downtime: a full day of major outage in 90 days costs about 1.1 %, partial 30 % of that', () => {
    const start = NOW - 89 * DAY_MS - 12 * 3_600_000; // window start: 2026-08-23T00:00Z
    const span = NOW - start;
    const major = uptimeBars(
      comp,
      [inc('1', '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', [['api', 'major_outage']])],
      NOW,
    );
    expect(major[0]?.uptimePercent).toBe(Math.floor((1 - DAY_MS / span) * 10_000) / 100);
    const partial = uptimeBars(
      comp,
      [inc('1', '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', [['api', 'partial_outage']])],
      NOW,
    );
    expect(partial[0]?.uptimePercent).toBe(Math.floor((1 - (0.3 * DAY_MS) / span) * 10_000) / 100);
    const degraded = uptimeBars(
      comp,
      [inc('1', '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', [['api', 'degraded_performance']])],
      NOW,
    );
    expect(degraded[0]?.uptimePercent).toBe(100);
  });

  it('overlapping windows count each minute once, at the heaviest impact covering it', () => {
    const start = NOW - 89 * DAY_MS - 12 * 3_600_000;
    const span = NOW - start;
    const [bar] = uptimeBars(
      comp,
      [
        inc('1', '2026-10-01T10:00:00Z', '2026-10-01T14:00:00Z', [['api', 'partial_outage']]),
        inc('2', '2026-10-01T12:00:00Z', '2026-10-01T13:00:00Z', [['api', 'major_outage']]),
        inc('3', '2026-10-01T11:00:00Z', '2026-10-01T15:00:00Z', [['api', 'degraded_performance']]),
      ],
      NOW,
    );
    // 10-12 and 13-14 partial (0.3 x 3 h), 12-13 major (1 h); degraded weighs nothing.
    expect(bar?.uptimePercent).toBe(Math.floor((1 - (1.9 * 3_600_000) / span) * 10_000) / 100);
  });

  it('weighted downtime matches a minute-by-minute count for any set of windows', () => {
    const statuses: ComponentStatus[] = ['degraded_performance', 'partial_outage', 'major_outage'];
    const windowArb = fc.record({ from: fc.nat(1439), length: fc.integer({ min: 1, max: 600 }), s: fc.nat(2) });
    fc.assert(
      fc.property(fc.array(windowArb, { maxLength: 8 }), (ws) => {
        let expected = 0;
        for (let m = 0; m < 2 * 1440; m++) {
          let weight = 0;
          for (const w of ws) {
            if (m >= w.from && m < w.from + w.length)
              weight = Math.max(weight, DOWNTIME_WEIGHT[statuses[w.s] ?? 'operational']);
          }
          expected += weight * 60_000;
        }
        const windows = ws.map((w) => ({
          start: w.from * 60_000,
          end: (w.from + w.length) * 60_000,
          status: statuses[w.s] ?? 'operational',
        }));
        expect(weightedDowntime(windows)).toBeCloseTo(expected, 3);
      }),
    );
  });

  it('days before a component existed read "no data" and do not count', () => {
    const [bar] = uptimeBars([{ id: 'api', createdAt: at('2026-11-19T06:00:00Z') }], [], NOW);
    expect(bar?.days[87]?.worst).toBe('no_data');
    expect(bar?.days[88]?.worst).toBe('operational');
    expect(bar?.uptimePercent).toBe(100);
  });

  it('a component younger than the window: uptime over its own lifetime only, and says from when', () => {
    const createdAt = at('2026-11-10T12:00:00Z');
    const [bar] = uptimeBars(
      [{ id: 'api', createdAt }],
      [inc('1', '2026-11-15T00:00:00Z', '2026-11-16T00:00:00Z', [['api', 'major_outage']])],
      NOW,
    );
    // One day of ten down: 90 %, not the 98.9 % it would read over 90 days.
    expect(bar?.uptimePercent).toBe(90);
    expect(bar?.measuredFrom).toBe(createdAt);
    expect(bar?.younger).toBe(true);
    expect(bar?.days.filter((d) => d.worst === 'no_data')).toHaveLength(79);
    expect(bar?.days[79]?.date).toBe('2026-11-10');
    expect(bar?.days[79]?.worst).toBe('operational');
    const [old] = uptimeBars([{ id: 'api', createdAt: OLD }], [], NOW);
    expect(old?.younger).toBe(false);
  });

  it('an incident that started before the window but ended inside it is counted from the window start', () => {
    const [bar] = uptimeBars(
      comp,
      [inc('1', '2026-08-01T00:00:00Z', '2026-08-23T02:00:00Z', [['api', 'major_outage']])],
      NOW,
    );
    expect(bar?.days[0]?.minutesAffected).toBe(120);
  });
});

describe('groupByDay', () => {
  it('lists the last 14 UTC days newest first, empty ones included', () => {
    const days = groupByDay(
      [
        { id: 'a', startedAt: at('2026-11-20T01:00:00Z') },
        { id: 'b', startedAt: at('2026-11-18T23:59:00Z') },
        { id: 'c', startedAt: at('2026-11-18T00:00:00Z') },
        { id: 'old', startedAt: at('2026-10-01T00:00:00Z') },
      ],
      NOW,
    );
    expect(days).toHaveLength(14);
    expect(days[0]?.date).toBe('2026-11-20');
    expect(days[0]?.items.map((i) => i.id)).toEqual(['a']);
    expect(days[1]?.items).toEqual([]);
    expect(days[2]?.items.map((i) => i.id)).toEqual(['b', 'c']);
    expect(days.flatMap((d) => d.items).some((i) => i.id === 'old')).toBe(false);
  });
});

describe('months', () => {
  it('parses YYYY-MM only and steps across years', () => {
    expect(parseMonth('2026-11')).toEqual({ year: 2026, month: 11 });
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('26-1')).toBeNull();
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(monthRange({ year: 2024, month: 2 })).toEqual({
      start: at('2024-02-01T00:00:00Z'),
      end: at('2024-03-01T00:00:00Z'),
    });
  });
});

describe('history filters and the month /history opens on', () => {
  it('parses impacts, matches component and impact, builds links in one order', () => {
    expect(parseHistorySeverity('critical')).toBe('critical');
    expect(parseHistorySeverity('SEV-1')).toBeNull();
    const inc = { severity: 'SEV-2' as const, components: [{ id: 'api', status: 'major_outage' as const }] };
    expect(matchesHistoryFilter(inc, { component: null, severity: null })).toBe(true);
    expect(matchesHistoryFilter(inc, { component: 'api', severity: 'critical' })).toBe(true);
    expect(matchesHistoryFilter(inc, { component: 'web', severity: null })).toBe(false);
    expect(matchesHistoryFilter(inc, { component: null, severity: 'major' })).toBe(false);
    // No component named: the impact falls back to the severity.
    expect(matchesHistoryFilter({ severity: 'SEV-2', components: [] }, { component: null, severity: 'major' })).toBe(
      true,
    );
    expect(historyQuery({ year: 2026, month: 3 }, { component: 'a b', severity: 'minor' })).toBe(
      '?month=2026-03&component=a%20b&severity=minor',
    );
    expect(historyQuery(null, { component: null, severity: null })).toBe('');
  });

  it('opens on the newest month with incidents, never a month after now', () => {
    expect(defaultHistoryMonth(at('2026-09-30T23:59:00Z'), NOW)).toEqual({ year: 2026, month: 9 });
    expect(defaultHistoryMonth(null, NOW)).toEqual({ year: 2026, month: 11 });
    expect(defaultHistoryMonth(at('2027-01-02T00:00:00Z'), NOW)).toEqual({ year: 2026, month: 11 });
  });
});

describe('link previews: title, favicon, description', () => {
  const ok = overallStatus(['operational'], []);
  const down = overallStatus(['major_outage'], []);
  const maint = overallStatus(['under_maintenance'], []);
  const incident = (over: Partial<PublicIncident> = {}): PublicIncident => ({
    id: 'i1',
    title: 'API down',
    severity: 'SEV-1',
    status: 'investigating',
    startedAt: at('2026-11-20T11:00:00Z'),
    resolvedAt: null,
    createdAt: at('2026-11-20T11:00:00Z'),
    updatedAt: at('2026-11-20T11:00:00Z'),
    components: [{ id: 'api', status: 'major_outage' }],
    updates: [
      { id: 'u1', status: 'investigating', body: 'Looking.', createdAt: at('2026-11-20T11:00:00Z') },
      { id: 'u2', status: 'identified', body: 'Found it: a bad config.', createdAt: at('2026-11-20T11:30:00Z') },
    ],
    summary: null,
    ...over,
  });

  it('the status leads the title while anything is wrong, and picks the favicon', () => {
    expect(documentTitle('Acme', undefined, ok)).toBe('Acme status');
    expect(documentTitle('Acme', 'Incident history', ok)).toBe('Incident history · Acme status');
    expect(documentTitle('Acme', undefined, down)).toBe('Major System Outage · Acme status');
    expect(documentTitle('Acme', 'API down', maint)).toBe('Service Under Maintenance · API down · Acme status');
    expect(documentTitle('Acme', undefined, null)).toBe('Acme status');
    expect([ok, down, maint, overallStatus(['degraded_performance'], [])].map(faviconState)).toEqual([
      'operational',
      'critical',
      'maintenance',
      'minor',
    ]);
  });

  it('descriptions say the status and what is going on, cut at a word near 200 characters', () => {
    expect(homeDescription('Acme', ok, [], NOW)).toBe(
      'All Systems Operational as of 2026-11-20 12:00 UTC. Live status and incident history of Acme.',
    );
    expect(homeDescription('Acme', down, [incident()], NOW)).toBe(
      'Major System Outage as of 2026-11-20 12:00 UTC. Active incident: API down (investigating).',
    );
    expect(incidentDescription(incident())).toBe(
      'Critical impact, investigating. Started 2026-11-20 11:00 UTC. Found it: a bad config.',
    );
    const long = clip(`${'word '.repeat(60)}end`);
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('word…')).toBe(true);
    expect(clip('short\n text')).toBe('short text');
  });
});

describe('freshness', () => {
  it('re-renders at the next UTC midnight, maintenance edge, or after a minute, whichever is first', () => {
    expect(freshness({ now: NOW, lastWriteAt: NOW - 1000, maintenances: [], drifting: false })).toEqual({
      lastModified: NOW - 1000,
      validUntil: NOW + 60_000,
    });
    const m = { scheduledFor: NOW + 5000, scheduledUntil: NOW + 90_000 };
    expect(freshness({ now: NOW, lastWriteAt: 0, maintenances: [m], drifting: false }).validUntil).toBe(NOW + 5000);
    const late = at('2026-11-20T23:59:30Z');
    expect(freshness({ now: late, lastWriteAt: 0, maintenances: [], drifting: false }).validUntil).toBe(
      at('2026-11-21T00:00:00Z'),
    );
  });
  it('Last-Modified moves with passed boundaries: the day start, a window that opened', () => {
    expect(freshness({ now: NOW, lastWriteAt: 0, maintenances: [], drifting: false }).lastModified).toBe(
      at('2026-11-20T00:00:00Z'),
    );
    const m = { scheduledFor: NOW - 5000, scheduledUntil: NOW + 5000 };
    expect(freshness({ now: NOW, lastWriteAt: 0, maintenances: [m], drifting: false }).lastModified).toBe(NOW - 5000);
  });
});

describe('summaryCommitment', () => {
  const start = at('2026-11-01T00:00:00Z');
  const summary = (h: number, firstH = h) => ({
    version: 1,
    markdown: 'x',
    publishedAt: start + h * 3_600_000,
    firstPublishedAt: start + firstH * 3_600_000,
  });
  it.each([
    ['SEV-1', summary(47), { deadline: start + 48 * 3_600_000, met: true }],
    // A correction published after the deadline keeps the first, in-time publication's verdict.
    ['SEV-1', summary(60, 47), { deadline: start + 48 * 3_600_000, met: true }],
    ['SEV-1', summary(48), { deadline: start + 48 * 3_600_000, met: true }],
    ['SEV-1', summary(49), { deadline: start + 48 * 3_600_000, met: false }],
    ['SEV-1', null, { deadline: start + 48 * 3_600_000, met: null }],
    ['SEV-2', summary(100), { deadline: null, met: null }],
  ] as const)('%s published %j', (severity, s, expected) => {
    expect(summaryCommitment({ severity, startedAt: start, summary: s }, DEFAULT_SLA_POLICY)).toEqual(expected);
  });
});

describe('componentTree', () => {
  it('orders groups and loose components by position, children by position, and drops empty groups', () => {
    const base = { description: null, createdAt: 0, updatedAt: 0 };
    const tree = componentTree(
      [
        { id: 'g1', name: 'G1', position: 1, ...base },
        { id: 'empty', name: 'Empty', position: 0, ...base },
      ],
      [
        { id: 'b', name: 'B', groupId: 'g1', position: 2, status: 'operational', ...base },
        { id: 'a', name: 'A', groupId: 'g1', position: 1, status: 'operational', ...base },
        { id: 'x', name: 'X', groupId: null, position: 0, status: 'operational', ...base },
        { id: 'y', name: 'Y', groupId: null, position: 5, status: 'operational', ...base },
      ],
    );
    expect(
      tree.map((e) =>
        e.kind === 'group' ? `${e.group.id}[${e.children.map((c) => c.id).join(',')}]` : e.component.id,
      ),
    ).toEqual(['x', 'g1[a,b]', 'y']);
  });
});

describe('bodyHash (the ETag of a rendered body)', () => {
  it('is 16 hex digits and the same for the same bytes', () => {
    const a = new TextEncoder().encode('<!doctype html><p>All systems operational</p>');
    expect(bodyHash(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(bodyHash(a.slice())).toBe(bodyHash(a));
  });

  it('changes when any one byte changes, whichever lane it falls in', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, delta) => {
          const i = at % bytes.length;
          const changed = bytes.slice();
          changed[i] = ((changed[i] ?? 0) + delta) % 256;
          expect(bodyHash(changed)).not.toBe(bodyHash(bytes));
        },
      ),
    );
  });

  it('tells apart bodies that differ only in length or in the order of their bytes', () => {
    const enc = new TextEncoder();
    expect(bodyHash(enc.encode('abcd'))).not.toBe(bodyHash(enc.encode('abcde')));
    expect(bodyHash(enc.encode('ab'))).not.toBe(bodyHash(enc.encode('ba')));
    expect(bodyHash(enc.encode('Minor outage 12:05'))).not.toBe(bodyHash(enc.encode('Minor outage 12:06')));
  });
});
