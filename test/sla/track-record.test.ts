// The public track record: n of m summaries published within the commitment over 90 days.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_SETTINGS } from '../../src/core/sla/policy';
import { trackRecord } from '../../src/core/sla/track-record';

const H = 3_600_000;
const NOW = Date.parse('2026-11-26T12:00:00Z');
const settings = DEFAULT_SLA_SETTINGS;

describe('trackRecord', () => {
  it.each([
    ['no incidents', [], { met: 0, total: 0 }],
    [
      'published in time',
      [{ severity: 'SEV-1', startedAt: NOW - 100 * H, publishedAt: NOW - 60 * H }],
      { met: 1, total: 1 },
    ],
    [
      'published late',
      [{ severity: 'SEV-1', startedAt: NOW - 100 * H, publishedAt: NOW - 40 * H }],
      { met: 0, total: 1 },
    ],
    [
      'breached, unpublished',
      [{ severity: 'SEV-1', startedAt: NOW - 49 * H, publishedAt: null }],
      { met: 0, total: 1 },
    ],
    [
      'still running: not counted yet',
      [{ severity: 'SEV-1', startedAt: NOW - 10 * H, publishedAt: null }],
      { met: 0, total: 0 },
    ],
    [
      'running but already published in time',
      [{ severity: 'SEV-1', startedAt: NOW - 10 * H, publishedAt: NOW - 5 * H }],
      { met: 1, total: 1 },
    ],
    [
      'not required (SEV-2)',
      [{ severity: 'SEV-2', startedAt: NOW - 100 * H, publishedAt: null }],
      { met: 0, total: 0 },
    ],
    [
      'older than 90 days',
      [{ severity: 'SEV-1', startedAt: NOW - 91 * 24 * H, publishedAt: NOW - 90 * 24 * H }],
      { met: 0, total: 0 },
    ],
    [
      'a mix',
      [
        { severity: 'SEV-1', startedAt: NOW - 30 * 24 * H, publishedAt: NOW - 30 * 24 * H + 47 * H },
        { severity: 'SEV-1', startedAt: NOW - 20 * 24 * H, publishedAt: NOW - 20 * 24 * H + 49 * H },
        { severity: 'SEV-1', startedAt: NOW - 10 * 24 * H, publishedAt: NOW - 10 * 24 * H + 2 * H },
        { severity: 'SEV-2', startedAt: NOW - 5 * 24 * H, publishedAt: null },
      ],
      { met: 2, total: 3 },
    ],
  ] as const)('%s', (_label, subjects, expected) => {
    expect(trackRecord(subjects, settings, NOW)).toEqual({ ...expected, hours: 48, windowDays: 90 });
  });

  it('follows the configured hours and severities', () => {
    const s = { ...settings, hours: 24, severities: ['SEV-1', 'SEV-2'] as ('SEV-1' | 'SEV-2')[] };
    const subjects = [{ severity: 'SEV-2' as const, startedAt: NOW - 100 * H, publishedAt: NOW - 100 * H + 30 * H }];
    expect(trackRecord(subjects, s, NOW)).toEqual({ met: 0, total: 1, hours: 24, windowDays: 90 });
  });
});
