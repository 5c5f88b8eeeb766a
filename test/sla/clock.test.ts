// The pure SLA clock: deadline, state, seconds left and due checkpoints as functions of `now`.
import { describe, expect, it } from 'vitest';
import { checkpointsUntil, dueCheckpoint, type SlaSubject, slaClock } from '../../src/core/sla/clock';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../src/core/sla/policy';

const H = 3_600_000;
const START = Date.parse('2026-11-20T12:00:00Z');
const DEADLINE = START + 48 * H;
const sev1: SlaSubject = { severity: 'SEV-1', startedAt: START, publishedAt: null };
const s = DEFAULT_SLA_SETTINGS;

describe('slaClock', () => {
  it.each([
    ['at the start', START, 'pending', 48 * 3600, []],
    ['just before T-24h', DEADLINE - 24 * H - 1, 'pending', 24 * 3600, []],
    ['at T-24h', DEADLINE - 24 * H, 'pending', 24 * 3600, ['T-24h']],
    ['at T-6h', DEADLINE - 6 * H, 'pending', 6 * 3600, ['T-24h', 'T-6h']],
    ['at T-1h', DEADLINE - H, 'due_soon', 3600, ['T-24h', 'T-6h', 'T-1h']],
    ['one second before the deadline', DEADLINE - 1000, 'due_soon', 1, ['T-24h', 'T-6h', 'T-1h']],
    ['at the deadline', DEADLINE, 'breached', 0, ['T-24h', 'T-6h', 'T-1h', 'deadline']],
    ['a day after', DEADLINE + 24 * H, 'breached', -24 * 3600, ['T-24h', 'T-6h', 'T-1h', 'deadline', 'overdue-1']],
    [
      'three days after',
      DEADLINE + 72 * H + 5,
      'breached',
      -72 * 3600 - 1,
      ['T-24h', 'T-6h', 'T-1h', 'deadline', 'overdue-1', 'overdue-2', 'overdue-3'],
    ],
  ])('%s', (_label, now, state, secondsLeft, due) => {
    const clock = slaClock(sev1, s, now);
    expect(clock).toMatchObject({ required: true, deadline: DEADLINE, state, secondsLeft });
    expect(clock.checkpointsDue.map((c) => c.id)).toEqual(due);
  });

  it('is not_required for severities the policy does not name, with nothing due', () => {
    const clock = slaClock({ ...sev1, severity: 'SEV-2' }, s, DEADLINE + 100 * H);
    expect(clock).toEqual({
      required: false,
      deadline: null,
      state: 'not_required',
      secondsLeft: null,
      checkpointsDue: [],
    });
  });

  it('stops at the first publication: met before the deadline, met_late after, and nothing more is due', () => {
    const met = slaClock({ ...sev1, publishedAt: DEADLINE - 2 * H }, s, DEADLINE + 500 * H);
    expect(met).toMatchObject({ state: 'met', secondsLeft: 7200, checkpointsDue: [] });
    const onTheDot = slaClock({ ...sev1, publishedAt: DEADLINE }, s, DEADLINE + H);
    expect(onTheDot.state).toBe('met');
    const late = slaClock({ ...sev1, publishedAt: DEADLINE + 30 * H }, s, DEADLINE + 500 * H);
    expect(late).toMatchObject({ state: 'met_late', secondsLeft: -30 * 3600, checkpointsDue: [] });
  });

  it('follows the settings: hours, severities, checkpoints and the overdue period', () => {
    const custom: SlaSettings = {
      ...s,
      hours: 24,
      severities: ['SEV-1', 'SEV-2'],
      checkpointHours: [2, 12],
      overdueEveryHours: 6,
    };
    const deadline = START + 24 * H;
    const clock = slaClock({ ...sev1, severity: 'SEV-2' }, custom, deadline + 13 * H);
    expect(clock.deadline).toBe(deadline);
    expect(clock.checkpointsDue.map((c) => c.id)).toEqual(['T-12h', 'T-2h', 'deadline', 'overdue-1', 'overdue-2']);
    expect(slaClock({ ...sev1, severity: 'SEV-2' }, custom, deadline - 2 * H).state).toBe('due_soon');
    expect(slaClock({ ...sev1, severity: 'SEV-2' }, custom, deadline - 2 * H - 1).state).toBe('pending');
  });

  it('moves with startedAt at once: the state is derived, never stored', () => {
    const now = START + 30 * H;
    expect(slaClock(sev1, s, now).state).toBe('pending');
    expect(slaClock({ ...sev1, startedAt: START - 20 * H }, s, now).state).toBe('breached');
  });

  it('types each checkpoint', () => {
    const types = Object.fromEntries(checkpointsUntil(DEADLINE, s, DEADLINE + 24 * H).map((c) => [c.id, c.type]));
    expect(types).toEqual({
      'T-24h': 'sla.checkpoint',
      'T-6h': 'sla.checkpoint',
      'T-1h': 'sla.checkpoint',
      deadline: 'sla.breached',
      'overdue-1': 'sla.overdue',
    });
  });
});

describe('dueCheckpoint', () => {
  it('returns only the latest passed checkpoint, once', () => {
    const clock = slaClock(sev1, s, DEADLINE + 30 * H); // backdated: five checkpoints already passed
    expect(dueCheckpoint(clock, new Set())?.id).toBe('overdue-1');
    expect(dueCheckpoint(clock, new Set(['overdue-1']))).toBeNull();
    // earlier ones that were never sent stay unsent
    expect(dueCheckpoint(clock, new Set(['overdue-1', 'T-24h']))).toBeNull();
  });

  it('returns nothing before the first checkpoint or after publication', () => {
    expect(dueCheckpoint(slaClock(sev1, s, START), new Set())).toBeNull();
    expect(dueCheckpoint(slaClock({ ...sev1, publishedAt: START + H }, s, DEADLINE + 99 * H), new Set())).toBeNull();
  });
});
