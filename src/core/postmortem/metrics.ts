// Detection and response times per incident, from the postmortem's timeline or from the API's
// recorded instants, by one convention:
//   start        the first timeline row (else the header's Started, else Detected);
//   detection    the row whose event starts "Detected:" (else the header's Detected);
//   acknowledged the row whose event starts "Acknowledged:" (or "Ack:");
//   resolution   the row whose event starts "Resolved:" (else the header's Resolved).
// MTTD = detection - start, MTTA = acknowledged - detection, MTTR = resolution - start.
import type { Postmortem } from './model';

export interface Instants {
  startedAt: number | null;
  detectedAt: number | null;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
}

export interface IncidentMetrics {
  /** Minutes, or null when an end of the interval is unknown (or the interval is negative). */
  mttd: number | null;
  mtta: number | null;
  mttr: number | null;
}

function minutes(from: number | null, to: number | null): number | null {
  if (from === null || to === null || to < from) return null;
  return (to - from) / 60_000;
}

export function metricsOf(i: Instants): IncidentMetrics {
  return {
    mttd: minutes(i.startedAt, i.detectedAt),
    mtta: minutes(i.detectedAt, i.acknowledgedAt),
    mttr: minutes(i.startedAt, i.resolvedAt),
  };
}

/** The instants the timeline marks, by the convention above. */
export function timelineInstants(pm: Postmortem): Instants {
  const rows = pm.timeline.rows.filter((r) => r.at !== null);
  const marked = (m: 'detected' | 'acknowledged' | 'resolved') => rows.find((r) => r.mark === m)?.at ?? null;
  return {
    startedAt: rows[0]?.at ?? pm.startedAt ?? pm.detectedAt,
    detectedAt: marked('detected') ?? pm.detectedAt,
    acknowledgedAt: marked('acknowledged'),
    resolvedAt: marked('resolved') ?? pm.resolvedAt,
  };
}

/** The API's incident as it is on the wire (ISO strings or null). */
export function recordedInstants(incident: {
  startedAt: string;
  detectedAt: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}): Instants {
  const ms = (s: string | null) => (s === null ? null : Date.parse(s));
  return {
    startedAt: ms(incident.startedAt),
    detectedAt: ms(incident.detectedAt),
    acknowledgedAt: ms(incident.acknowledgedAt),
    resolvedAt: ms(incident.resolvedAt),
  };
}
