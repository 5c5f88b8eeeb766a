// The postmortem document's vocabulary: severities, header fields, sections, findings and options.

export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Header fields every postmortem carries (`Incident` and `Started` are optional extras). */
export const REQUIRED_FIELDS = [
  'Severity',
  'Detected',
  'Resolved',
  'Duration',
  'Customer impact',
  'Author',
  'Reviewers',
  'Tags',
] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];
export const OPTIONAL_FIELDS = ['Incident', 'Started', 'Date'] as const;

/** The document's second-level sections, in template order, with the heading each is written as. */
export const SECTIONS = {
  timeline: 'Timeline (UTC)',
  whatHappened: 'What happened',
  fiveWhys: 'Five whys',
  customerSummary: 'Customer-facing summary',
  actionItems: 'Action items',
  wentWell: 'What went well',
  openQuestions: 'Open questions',
} as const;
export type SectionName = keyof typeof SECTIONS;

export const ACTION_TYPES = ['Prevent', 'Detect', 'Contain'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export type PostmortemSeverityLevel = 'error' | 'warning';

export interface PostmortemFinding {
  /** Stable rule id, e.g. `timeline/source`; the customer summary's own rules read `summary/<id>`. */
  rule: string;
  severity: PostmortemSeverityLevel;
  /** 1-based line and column in the file as written. */
  line: number;
  column: number;
  message: string;
  suggestion?: string;
}

/** Word-count range a severity's document should fall in; `null`: no document expected, no check. */
export type LengthRanges = Record<Severity, { min: number; max: number } | null>;

export const DEFAULT_LENGTHS: LengthRanges = {
  'SEV-1': { min: 1500, max: 2500 },
  'SEV-2': { min: 400, max: 800 },
  'SEV-3': null,
};

export interface PostmortemLintOptions {
  lengths?: LengthRanges;
}

export interface PostmortemLintResult {
  ok: boolean;
  words: number;
  findings: PostmortemFinding[];
}
