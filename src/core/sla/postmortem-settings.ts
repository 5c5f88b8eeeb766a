// The internal postmortem's settings (the "postmortem" part of the SLA settings document) and the
// link input (zod/mini through ../zod, like every schema in the Worker).

import { severity } from '../inputs';
import * as z from '../zod';
import { POSTMORTEM_URL_MAX } from './postmortem-link';

const whole = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));
const hours = z.number().check(z.gte(0.01), z.lte(24 * 365));
const distinct = (what: string) =>
  z.refine<unknown[]>((xs) => new Set(xs).size === xs.length, `must not repeat ${what}`);

const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date, e.g. 2026-12-25'),
  z.refine<string>((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'must be a real calendar date'),
);

/**
 * Every field is optional; defaults: 5 business days, a Saturday-Sunday weekend, no holidays,
 * reminders 48 h and 4 h before the deadline and every 24 h overdue, SEV-1 and SEV-2, and
 * "resolved" does not wait for the postmortem.
 */
export const postmortemSettingsInput = z.strictObject({
  businessDays: z.optional(whole(1, 60)),
  /** UTC days of the week (0 = Sunday … 6 = Saturday); at most six, so a week keeps a business day. */
  weekend: z.optional(z.array(whole(0, 6)).check(z.maxLength(6), distinct('a day'))),
  holidays: z.optional(z.array(isoDate).check(z.maxLength(1000), distinct('a date'))),
  checkpointHours: z.optional(z.array(hours).check(z.maxLength(12), distinct('a checkpoint'))),
  overdueEveryHours: z.optional(z.number().check(z.gte(1), z.lte(24 * 30))),
  severities: z.optional(z.array(severity).check(z.maxLength(3), distinct('a severity'))),
  resolvedWaitsForPostmortem: z.optional(z.boolean()),
});

/** PUT /api/v1/incidents/:id/postmortem: the link to record (the service judges the URL itself). */
export const postmortemLinkInput = z.strictObject({
  url: z.string().check(z.trim(), z.minLength(1), z.maxLength(POSTMORTEM_URL_MAX)),
});
