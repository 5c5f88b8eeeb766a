// The internal-postmortem clock: 5 business days after resolution, across weekends, month ends,
// year ends, leap days and holidays; its states and checkpoints; the "postmortem pending" label.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isBusinessDay,
  DEFAULT_POSTMORTEM_POLICY as POLICY,
  postmortemClock,
  postmortemDeadline,
  resolvedLabel,
} from '../../src/core/sla/postmortem-clock';

const at = (iso: string) => Date.parse(iso);
const due = (resolved: string, policy = POLICY) => new Date(postmortemDeadline(at(resolved), policy)).toISOString();

describe('postmortem deadline', () => {
  it.each([
    [
      'resolved on a Friday: due by the end of the next Friday, across a month end',
      '2026-11-27T15:00:00Z',
      '2026-12-05T00:00:00.000Z',
    ],
    ['resolved on a Monday: the same week end', '2026-11-30T09:00:00Z', '2026-12-08T00:00:00.000Z'],
    ['resolved on a Saturday: counting starts Monday', '2026-10-31T23:59:00Z', '2026-11-07T00:00:00.000Z'],
    ['resolved on a Sunday just after midnight', '2026-11-01T00:00:00Z', '2026-11-07T00:00:00.000Z'],
    ['resolved on a Wednesday, the last day of a month', '2026-09-30T12:00:00Z', '2026-10-08T00:00:00.000Z'],
    ['across a leap day', '2028-02-25T10:00:00Z', '2028-03-04T00:00:00.000Z'],
  ])('%s', (_, resolved, expected) => {
    expect(due(resolved)).toBe(expected);
  });

  it('skips holidays, across the year end', () => {
    const policy = { ...POLICY, holidays: ['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01'] };
    // Dec 28, 29, 30, (31, Jan 1 holidays, weekend), Jan 4, 5.
    expect(due('2026-12-23T18:00:00Z', policy)).toBe('2027-01-06T00:00:00.000Z');
    // Without them: Dec 24, 25, 28, 29, 30.
    expect(due('2026-12-23T18:00:00Z')).toBe('2026-12-31T00:00:00.000Z');
  });

  it('is configurable: business days and which days are the weekend', () => {
    expect(due('2026-11-27T15:00:00Z', { ...POLICY, businessDays: 10 })).toBe('2026-12-12T00:00:00.000Z');
    // A Friday-Saturday weekend: Sun 29, Mon 30, Tue 1, Wed 2, Thu 3.
    expect(due('2026-11-27T15:00:00Z', { ...POLICY, weekend: [5, 6] })).toBe('2026-12-04T00:00:00.000Z');
  });

  it('always lands after exactly N business days, the last one a business day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-12-31') }),
        fc.integer({ min: 1, max: 15 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 6 }),
        (resolvedAt, businessDays, offsets) => {
          const day0 = resolvedAt - (resolvedAt % 86_400_000);
          const holidays = offsets.map((o) => new Date(day0 + o * 86_400_000).toISOString().slice(0, 10));
          const policy = { ...POLICY, businessDays, holidays };
          const deadline = postmortemDeadline(resolvedAt, policy);
          let counted = 0;
          for (let d = day0 + 86_400_000; d < deadline; d += 86_400_000) if (isBusinessDay(d, policy)) counted++;
          return counted === businessDays && isBusinessDay(deadline - 86_400_000, policy);
        },
      ),
    );
  });
});

describe('postmortem clock', () => {
  const resolvedAt = at('2026-11-27T15:00:00Z'); // due 2026-12-05T00:00Z
  const clock = (now: string, linked: string | null = null) =>
    postmortemClock({ resolvedAt, postmortemLinkedAt: linked === null ? null : at(linked) }, POLICY, at(now));

  it('does not start before resolution', () => {
    expect(postmortemClock({ resolvedAt: null, postmortemLinkedAt: null }, POLICY, at('2026-12-01T00:00:00Z'))).toEqual(
      {
        deadline: null,
        state: 'not_started',
        checkpointsDue: [],
      },
    );
  });

  it('moves from pending to due soon to breached, with its checkpoints', () => {
    expect(clock('2026-12-01T00:00:00Z')).toMatchObject({ state: 'pending', checkpointsDue: [] });
    expect(clock('2026-12-03T00:00:00Z').checkpointsDue.map((c) => c.id)).toEqual(['postmortem-T-48h']);
    expect(clock('2026-12-04T20:00:00Z')).toMatchObject({ state: 'due_soon' });
    const late = clock('2026-12-07T01:00:00Z');
    expect(late.state).toBe('breached');
    expect(late.checkpointsDue.map((c) => [c.id, new Date(c.at).toISOString()])).toEqual([
      ['postmortem-T-48h', '2026-12-03T00:00:00.000Z'],
      ['postmortem-T-4h', '2026-12-04T20:00:00.000Z'],
      ['postmortem-deadline', '2026-12-05T00:00:00.000Z'],
      ['postmortem-overdue-1', '2026-12-06T00:00:00.000Z'],
      ['postmortem-overdue-2', '2026-12-07T00:00:00.000Z'],
    ]);
  });

  it('stops when the document is linked: met, or met late', () => {
    expect(clock('2026-12-09T00:00:00Z', '2026-12-04T10:00:00Z')).toMatchObject({ state: 'met', checkpointsDue: [] });
    expect(clock('2026-12-09T00:00:00Z', '2026-12-06T10:00:00Z')).toMatchObject({
      state: 'met_late',
      checkpointsDue: [],
    });
  });
});

describe('resolved · postmortem pending', () => {
  it('shows only when the setting is on and no draft is linked', () => {
    const on = { resolvedWaitsForPostmortem: true };
    expect(resolvedLabel({ status: 'resolved', postmortemLinkedAt: null }, on)).toBe('resolved · postmortem pending');
    expect(resolvedLabel({ status: 'resolved', postmortemLinkedAt: 1 }, on)).toBe('resolved');
    expect(resolvedLabel({ status: 'resolved', postmortemLinkedAt: null }, { resolvedWaitsForPostmortem: false })).toBe(
      'resolved',
    );
    expect(resolvedLabel({ status: 'monitoring', postmortemLinkedAt: null }, on)).toBeNull();
  });
});
