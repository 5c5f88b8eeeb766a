// The organisation's SLA policy (settings key "sla"), falling back to the 48 h / SEV-1 default.
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../core/sla/policy';
import type { Deps } from './deps';

export async function getSlaPolicy({ deps }: { deps: Deps }): Promise<SlaPolicy> {
  const stored = (await deps.store.settings.get('sla')) as Partial<SlaPolicy> | undefined;
  return { ...DEFAULT_SLA_POLICY, ...(stored ?? {}) };
}
