// The live-text gate: every public word other than a summary (incident titles and updates,
// maintenance titles and bodies, component and group names and descriptions) runs the summary
// gate's leak rules, with the organisation's lexicon, before any write. Each write verb calls
// `gatePublicText` first, with the fields it is about to write, so every verb decides the same way.
import { DomainError } from '../core/errors';
import type { GateOverride } from '../core/inputs';
import { lintPublicText } from '../core/summary/lint';
import type { Finding } from '../core/summary/types';
import type { Deps } from './deps';
import { getGateSettings } from './gate-settings';
import { getLexicon } from './lexicon';

/** Refused whatever the override or the mode: a credential or a hidden character never reaches the page. */
export const ALWAYS_REFUSED_RULES: readonly string[] = ['secret', 'invisible-character'];

/** A finding in one field of the request: `path` names the field ("title", "body", "components.0.name"). */
export type PublicTextFinding = Finding & { path: string };

/** What an accepted write tells its caller: the findings it let through (empty when the text is clean). */
export interface Warned {
  warnings: PublicTextFinding[];
}

export interface GatePass extends Warned {
  /** Audit details for the write's own audit entry, set when error findings were let through. */
  auditDetails?: Record<string, unknown>;
}

/** Field path -> text about to be written; absent, null or unchanged fields are left out by the caller. */
export type PublicTextFields = Record<string, string | null | undefined>;

/** What the audit log keeps of a finding: enough to review the decision, and never a credential (excerpts are masked by the linter). */
function auditedFinding(f: PublicTextFinding) {
  return { path: f.path, rule: f.rule, severity: f.severity, text: f.text, message: f.message };
}

/**
 * Lints each field; throws `public_text_has_errors` (422, with every finding and whether an override
 * would help) when the write must not happen, else returns the findings as warnings.
 */
export async function gatePublicText({
  deps,
  fields,
  override,
}: {
  deps: Deps;
  fields: PublicTextFields;
  override?: GateOverride | undefined;
}): Promise<GatePass> {
  const texts = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  if (texts.length === 0) return { warnings: [] };
  const lexicon = await getLexicon({ deps });
  const findings: PublicTextFinding[] = texts.flatMap(([path, text]) =>
    lintPublicText(text, lexicon).findings.map((f) => ({ path, ...f })),
  );
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return { warnings: findings };

  const hard = errors.filter((f) => ALWAYS_REFUSED_RULES.includes(f.rule));
  if (hard.length === 0 && override) {
    return {
      warnings: findings,
      auditDetails: { gate: { decision: 'override', reason: override.reason, findings: findings.map(auditedFinding) } },
    };
  }
  if (hard.length === 0 && (await getGateSettings({ deps })).liveText === 'warn') {
    return { warnings: findings, auditDetails: { gate: { decision: 'warn', findings: findings.map(auditedFinding) } } };
  }
  const where = [...new Set(errors.map((f) => f.path))].join(', ');
  throw new DomainError(
    'public_text_has_errors',
    hard.length > 0
      ? `Public text must not contain a credential or an invisible character (${where}); nothing was written.`
      : `This public text has ${errors.length} error finding(s) (${where}); fix them, or resend with "override": {"reason": "..."}. Nothing was written.`,
    { findings, overridable: hard.length === 0 },
  );
}

/** The domain record with the gate's warnings attached, as the write verbs return it. */
export function withWarnings<T extends object>(record: T, gate: Warned): T & Warned {
  return { ...record, warnings: gate.warnings };
}
