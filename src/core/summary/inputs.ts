// What the summary API accepts: a markdown document or the four sections as JSON fields.
import * as z from '../zod';

/** 64 KiB: the most any summary may be, however it arrives. */
export const MAX_SUMMARY_BYTES = 64 * 1024;

/** Control characters other than tab, line feed and carriage return: the mark of binary data, not prose. */
export function looksBinary(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) return true;
  }
  return false;
}

const body = z.string().check(
  z.maxLength(MAX_SUMMARY_BYTES, `must be at most ${MAX_SUMMARY_BYTES} characters`),
  z.refine((s) => !looksBinary(s), 'must be text, not binary data'),
);

export const summarySectionsInput = z.strictObject({
  whatHappened: body,
  whoWasAffected: body,
  whatWeDid: body,
  prevention: body,
});

const summaryFields = {
  markdown: z.optional(body.check(z.refine((s) => s.trim().length > 0, 'must not be empty'))),
  sections: z.optional(summarySectionsInput),
};
const exactlyOne = (b: { markdown?: string; sections?: unknown }) =>
  (b.markdown === undefined) !== (b.sections === undefined);
const exactlyOneMessage = { message: 'send either "markdown" (one document) or "sections" (four fields), not both' };

export const summaryDraftInput = z.strictObject(summaryFields).check(z.refine(exactlyOne, exactlyOneMessage));
export type SummaryDraftInput = z.output<typeof summaryDraftInput>;

export const lintInput = z
  .strictObject({ ...summaryFields, incidentId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) })
  .check(z.refine(exactlyOne, exactlyOneMessage));
export type LintInput = z.output<typeof lintInput>;
