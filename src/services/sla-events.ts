// Hooks from other verbs into the SLA clock. publishSummary calls summaryPublished right after a
// publication commits, so the clock stops and the lead's confirmation is queued at once.
import type { Deps } from './deps';
import { confirmPublication } from './sla-outbox';
import { getSlaSettings } from './sla-settings';

/**
 * Never throws: the publication has already committed, and a failure here must not turn it into an
 * error response. The next SLA tick repairs what this missed (it confirms published incidents
 * that have reminders but no confirmation).
 */
export async function summaryPublished({ deps, incidentId }: { deps: Deps; incidentId: string }): Promise<void> {
  try {
    const incident = await deps.store.sla.incident(incidentId);
    if (!incident) return;
    await confirmPublication(deps, incident, await getSlaSettings({ deps }), deps.clock());
  } catch (err) {
    console.error(`[afterword] could not stop the SLA clock of incident ${incidentId}:`, err);
  }
}
