// Invariants of an incident's timeline that every write must keep.
import type { FieldProblem } from './errors';
import type { Incident } from './types';

/** Detection, acknowledgement and resolution cannot precede the start; resolved means a resolution time. */
export function incidentTimeProblems(
  i: Pick<Incident, 'startedAt' | 'detectedAt' | 'acknowledgedAt' | 'resolvedAt' | 'status'>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const notBefore = (field: 'detectedAt' | 'acknowledgedAt' | 'resolvedAt', min: number, minName: string) => {
    const v = i[field];
    if (v !== null && v < min) problems.push({ path: field, message: `must not be before ${minName}` });
  };
  notBefore('detectedAt', i.startedAt, 'startedAt');
  notBefore('acknowledgedAt', i.detectedAt ?? i.startedAt, i.detectedAt === null ? 'startedAt' : 'detectedAt');
  notBefore('resolvedAt', i.startedAt, 'startedAt');
  if (i.status !== 'resolved' && i.resolvedAt !== null) {
    problems.push({ path: 'resolvedAt', message: 'an incident that is not resolved cannot have a resolution time' });
  }
  return problems;
}
