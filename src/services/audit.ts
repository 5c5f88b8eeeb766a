// The audit trail as admins read it: the latest entries first.
import type { Deps } from './deps';

export async function listAudit({ deps, limit }: { deps: Deps; limit: number }) {
  return deps.store.audit.list(limit);
}
