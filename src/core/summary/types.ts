// The customer-summary gate's vocabulary: the four sections, rule ids, findings and the lint result.

export const SECTION_KEYS = ['whatHappened', 'whoWasAffected', 'whatWeDid', 'prevention'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** The canonical heading of each section, as written when sections arrive as JSON fields. */
export const SECTION_TITLES: Record<SectionKey, string> = {
  whatHappened: 'What happened',
  whoWasAffected: 'Who was affected',
  whatWeDid: 'What we did',
  prevention: 'What we are doing to prevent it',
};

/** A summary given as four JSON fields instead of one markdown document. */
export type SummarySections = Record<SectionKey, string>;

export const RULE_IDS = [
  'sections',
  'word-limit',
  'utc-times',
  'employee-name',
  'codename',
  'internal-tool',
  'ticket-id',
  'chat-channel',
  'contact-info',
  'internal-host',
  'secret',
  'jargon',
  'five-whys',
  'action-items',
  'owner',
  'blame',
  'times-mismatch',
  'invisible-character',
  'mixed-script',
  'possible-name',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type FindingSeverity = 'error' | 'warning';

export interface Finding {
  rule: RuleId;
  severity: FindingSeverity;
  /** The section the excerpt sits in; null before the first section heading. */
  section: SectionKey | null;
  /** 1-based line and column of the excerpt in the submitted (or assembled) markdown. */
  line: number;
  column: number;
  /**
   * The offending excerpt as written; empty when the finding is about something missing. A
   * credential is never repeated: a `secret` finding shows it masked ("AKIA… (20 characters)"),
   * and any other excerpt or message that would include one shows the masked form instead.
   */
  text: string;
  /** Length of the excerpt in the markdown (a line break counts as one character): with line and column, its span. */
  length: number;
  message: string;
  suggestion?: string;
}

export interface LintResult {
  /** True when there is no error finding (warnings do not block publishing). */
  ok: boolean;
  words: number;
  findings: Finding[];
}

export interface LintOptions {
  /** The incident the summary belongs to: enables `times-mismatch`. */
  incident?: { startedAt: number; resolvedAt: number | null };
}

export const MAX_WORDS = 400;
