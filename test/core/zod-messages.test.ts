// src/core/zod.ts writes zod's English issue messages itself (smaller than zod/locales' `en`): each
// issue the app's schemas raise reads exactly as zod's own English locale would write it.

import { describe, expect, it } from 'vitest';
import { en } from 'zod/locales';
import {
  createIncidentInput,
  createTokenInput,
  listIncidentsQuery,
  reorderComponentsInput,
} from '../../src/core/inputs';
import { pageSettingsInput } from '../../src/core/public/page-settings';
import { slaSettingsInput } from '../../src/core/sla/settings';
import type * as z from '../../src/core/zod';

const cases: [string, z.ZodMiniType, unknown][] = [
  ['wrong types', createIncidentInput, { title: 5, severity: null, startedAt: [], lead: 'x', public: 'yes' }],
  ['NaN and Infinity', slaSettingsInput, { hours: Number.NaN, maxAttempts: Number.POSITIVE_INFINITY }],
  ['a Date where a string goes', createTokenInput, { name: new Date(0), scopes: 'x' }],
  [
    'too long, too many, too small',
    createIncidentInput,
    {
      title: 'x'.repeat(201),
      severity: 'SEV-1',
      startedAt: '2026-01-01T00:00:00Z',
      lead: { name: '' },
      components: Array.from({ length: 501 }, (_, i) => ({ id: `c${i}`, status: 'operational' })),
    },
  ],
  [
    'numbers out of range',
    slaSettingsInput,
    { hours: 0, overdueEveryHours: 24 * 31, maxAttempts: 1.5, checkpointHours: [] },
  ],
  ['arrays too short or long', reorderComponentsInput, { ids: [] }],
  [
    'formats',
    createIncidentInput,
    {
      title: 'T',
      severity: 'SEV-1',
      startedAt: 'yesterday',
      lead: { name: 'L', email: 'not-mail', webhookUrl: 'nope' },
    },
  ],
  ['a regex', pageSettingsInput, { name: 'A', brandColor: 'blue' }],
  ['enum values and a literal', listIncidentsQuery, { status: 'open,nope', severity: 'SEV-9', limit: 'x' }],
  ['unknown keys', createTokenInput, { name: 'n', scopes: ['admin'], extra: 1, more: 2 }],
  ['a discriminated union', slaSettingsInput, { fallback: { channel: 'pigeon', target: 'x' } }],
  ['a union member', slaSettingsInput, { fallback: { channel: 'email', target: 5 } }],
  ['not an object', createIncidentInput, 'text'],
];

describe("the app's English zod messages", () => {
  it.each(cases)('%s: as zod/locales en writes them', (_name, schema, input) => {
    const ours = schema.safeParse(input);
    const zods = schema.safeParse(input, { error: en().localeError });
    expect(ours.success).toBe(false);
    const messages = ours.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(zods.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    expect(messages?.length).toBeGreaterThan(0);
  });
});
