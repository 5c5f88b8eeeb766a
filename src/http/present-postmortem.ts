// How the internal postmortem's clock and link look on the /api/v1 wire. Internal only: nothing here
// is used by the public page, its feeds, /api/v2 or subscriber notifications.
import type { IncidentPostmortemClock } from '../core/sla/postmortem-clock';
import type { PostmortemLink } from '../core/sla/records';
import type { IncidentPostmortemView } from '../services/postmortem-deadline';
import { iso } from './present';

/** The deadline state an incident's JSON carries (no URL: that is read at .../postmortem). */
export function presentPostmortemClock(clock: IncidentPostmortemClock | undefined) {
  return {
    required: clock?.required ?? false,
    state: clock?.required ? clock.state : 'not_required',
    dueAt: iso(clock?.deadline ?? null),
    secondsLeft: clock?.secondsLeft ?? null,
    overdue: clock?.overdue ?? false,
    linkedAt: iso(clock?.linkedAt ?? null),
  };
}

function presentLink(link: PostmortemLink | null) {
  return link
    ? {
        url: link.url,
        linkedAt: iso(link.linkedAt),
        updatedAt: iso(link.updatedAt),
        linkedBy: link.linkedBy,
      }
    : null;
}

export function presentIncidentPostmortem(v: IncidentPostmortemView) {
  return {
    incidentId: v.incidentId,
    ...presentPostmortemClock(v.clock),
    statusLabel: v.clock.label,
    document: presentLink(v.link),
  };
}
