// The SLA settings document (settings key "sla"): its schema, shared by the API, the CLI and the reader.
import * as z from 'zod';
import { severity } from '../inputs';

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

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date, e.g. 2026-12-25')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'must be a real calendar date');

/**
 * The internal postmortem's clock (issue 14). Every field is optional; defaults: 5 business days,
 * Saturday-Sunday weekend, no holidays, reminders 48 h and 4 h before, every 24 h overdue, SEV-1 and
 * SEV-2, and "resolved" does not wait for the postmortem.
 */
export const postmortemSettingsInput = z.strictObject({
  businessDays: z.number().int().min(1).max(60).optional(),
  weekend: z
    .array(z.number().int().min(0).max(6))
    .max(6)
    .refine((d) => new Set(d).size === d.length, 'must not repeat a day')
    .optional(),
  holidays: z
    .array(isoDate)
    .max(1000)
    .refine((d) => new Set(d).size === d.length, 'must not repeat a date')
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
  severities: z
    .array(severity)
    .max(3)
    .refine((s) => new Set(s).size === s.length, 'must not repeat a severity')
    .optional(),
  resolvedWaitsForPostmortem: z.boolean().optional(),
});
export type PostmortemSettingsInput = z.output<typeof postmortemSettingsInput>;

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
  postmortem: postmortemSettingsInput.optional(),
});
export type SlaSettingsInput = z.output<typeof slaSettingsInput>;
