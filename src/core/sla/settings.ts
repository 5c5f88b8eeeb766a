// The SLA settings document (settings key "sla"): its schema, shared by the API, the CLI and the reader.
import * as z from 'zod';
import { severity } from '../inputs';
import { postmortemSettingsInput } from './postmortem-settings';

const hours = z
  .number()
  .positive()
  .max(24 * 365);

export const slaFallbackInput = z.discriminatedUnion('channel', [
  z.strictObject({
    channel: z.enum(['webhook', 'slack']),
    target: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000),
  }),
  z.strictObject({ channel: z.literal('email'), target: z.email().max(320) }),
]);

/** Every field is optional; an omitted field takes its default (48 h, SEV-1, 24/6/1 h, every 24 h, 8 attempts). */
export const slaSettingsInput = z.strictObject({
  hours: hours.optional(),
  severities: z
    .array(severity)
    .max(3)
    .refine((s) => new Set(s).size === s.length, 'must not repeat a severity')
    .optional(),
  checkpointHours: z
    .array(hours)
    .max(12)
    .refine((h) => new Set(h).size === h.length, 'must not repeat a checkpoint')
    .optional(),
  overdueEveryHours: z
    .number()
    .min(1)
    .max(24 * 30)
    .optional(),
  maxAttempts: z.number().int().min(1).max(50).optional(),
  fallback: slaFallbackInput.nullable().optional(),
  /** The second clock: the internal postmortem's deadline. */
  postmortem: z.optional(postmortemSettingsInput),
});
export type SlaSettingsInput = z.output<typeof slaSettingsInput>;
