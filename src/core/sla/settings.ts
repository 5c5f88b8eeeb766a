// The SLA settings document (settings key "sla"): its schema, shared by the API, the CLI and the reader.

import { severity } from '../inputs';
import * as z from '../zod';
import { postmortemSettingsInput } from './postmortem-settings';

const hours = z.number().check(z.positive(), z.maximum(24 * 365));

export const slaFallbackInput = z.discriminatedUnion('channel', [
  z.strictObject({
    channel: z.enum(['webhook', 'slack']),
    target: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).check(z.maxLength(2000)),
  }),
  z.strictObject({ channel: z.literal('email'), target: z.email().check(z.maxLength(320)) }),
]);

/** Every field is optional; an omitted field takes its default (48 h, SEV-1, 24/6/1 h, every 24 h, 8 attempts). */
export const slaSettingsInput = z.strictObject({
  hours: z.optional(hours),
  severities: z.optional(
    z.array(severity).check(
      z.maxLength(3),
      z.refine((s) => new Set(s).size === s.length, 'must not repeat a severity'),
    ),
  ),
  checkpointHours: z.optional(
    z.array(hours).check(
      z.maxLength(12),
      z.refine((h) => new Set(h).size === h.length, 'must not repeat a checkpoint'),
    ),
  ),
  overdueEveryHours: z.optional(z.number().check(z.minimum(1), z.maximum(24 * 30))),
  maxAttempts: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50))),
  fallback: z.optional(z.nullable(slaFallbackInput)),
  /** The second clock: the internal postmortem's deadline. */
  postmortem: z.optional(postmortemSettingsInput),
});
export type SlaSettingsInput = z.output<typeof slaSettingsInput>;
