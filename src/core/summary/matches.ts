// A finding before it has a line and column: a rule, a span of the document text, and its wording.
import type { FindingSeverity, RuleId } from './types';

export interface Match {
  rule: RuleId;
  start: number;
  end: number;
  message: string;
  suggestion?: string;
  severity?: FindingSeverity;
}
