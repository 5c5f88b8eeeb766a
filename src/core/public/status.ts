// The public status roll-up: component impact -> incident impact -> the page's overall indicator,
// in the vocabulary (and enum values) of the Statuspage v2 API. Pure: `now` is always a parameter.
import { STATUS_RANK, worstComponentStatus } from '../status';
import type { Component, ComponentStatus, EpochMs, Incident, Maintenance, MaintenanceStatus, Severity } from '../types';

/** Statuspage v2 `status.indicator` and incident `impact` values, mildest first. */
export const INDICATORS = ['none', 'minor', 'major', 'critical'] as const;
export type Indicator = (typeof INDICATORS)[number];

const INDICATOR_RANK: Record<Indicator, number> = { none: 0, minor: 1, major: 2, critical: 3 };

export function worstIndicator(values: Iterable<Indicator>): Indicator {
  let worst: Indicator = 'none';
  for (const v of values) if (INDICATOR_RANK[v] > INDICATOR_RANK[worst]) worst = v;
  return worst;
}

/** How bad a component status is for customers, as a Statuspage impact. Maintenance is planned, not an outage. */
export function impactOfStatus(status: ComponentStatus): Indicator {
  switch (status) {
    case 'operational':
    case 'under_maintenance':
      return 'none';
    case 'degraded_performance':
      return 'minor';
    case 'partial_outage':
      return 'major';
    case 'major_outage':
      return 'critical';
  }
}

const SEVERITY_IMPACT: Record<Severity, Indicator> = { 'SEV-1': 'critical', 'SEV-2': 'major', 'SEV-3': 'minor' };

/**
 * An incident's impact: the worst impact it reports on any component; an incident that names no
 * component (or only "operational" ones) falls back to its severity, so it never reads as "none".
 */
export function incidentImpact(incident: Pick<Incident, 'severity' | 'components'>): Indicator {
  const fromComponents = worstIndicator(incident.components.map((c) => impactOfStatus(c.status)));
  return fromComponents === 'none' ? SEVERITY_IMPACT[incident.severity] : fromComponents;
}

/** A maintenance window's status as visitors should see it now: the clock moves a window along even if nobody does. */
export function effectiveMaintenanceStatus(
  m: Pick<Maintenance, 'status' | 'scheduledFor' | 'scheduledUntil'>,
  now: EpochMs,
): MaintenanceStatus {
  if (m.status === 'completed') return 'completed';
  if (now >= m.scheduledUntil) return 'completed';
  if (m.status === 'scheduled' && now >= m.scheduledFor) return 'in_progress';
  return m.status;
}

/**
 * What the clock has done to a window that its stored status does not say yet: `started` when the
 * window has opened while still stored as scheduled, `completed` when it has closed unfinished. A
 * window found only after it closed is `completed` (announcing a start that is already over helps
 * nobody). Derived from `effectiveMaintenanceStatus`, so the notify tick agrees with the page.
 */
export function maintenanceClockTransition(
  m: Pick<Maintenance, 'status' | 'scheduledFor' | 'scheduledUntil'>,
  now: EpochMs,
): 'started' | 'completed' | null {
  const effective = effectiveMaintenanceStatus(m, now);
  if (effective === 'completed' && m.status !== 'completed') return 'completed';
  if (effective === 'in_progress' && m.status === 'scheduled') return 'started';
  return null;
}

/**
 * The status a window takes when a person moves it without setting a status. The clock may have
 * stored in_progress or completed for the old window; for the new one: a window that now starts later
 * is scheduled again, and a completed window stretched past now is in progress again (its end will be
 * announced when the new end comes). Anything else keeps its status.
 */
export function statusAfterMove(
  m: Pick<Maintenance, 'status' | 'scheduledFor' | 'scheduledUntil'>,
  now: EpochMs,
): MaintenanceStatus {
  if (now < m.scheduledFor) return 'scheduled';
  if (m.status === 'completed' && now < m.scheduledUntil) return 'in_progress';
  return m.status;
}

export function isMaintenanceActive(m: Pick<Maintenance, 'status' | 'scheduledFor' | 'scheduledUntil'>, now: EpochMs) {
  const s = effectiveMaintenanceStatus(m, now);
  return s === 'in_progress' || s === 'verifying';
}

/**
 * A component's status as shown publicly: its stored status, except that an operational component
 * inside an active maintenance window reads "under maintenance".
 */
export function publicComponentStatus(
  component: { id: string; status: ComponentStatus },
  activeMaintenances: Pick<Maintenance, 'components'>[],
): ComponentStatus {
  if (component.status !== 'operational') return component.status;
  return activeMaintenances.some((m) => m.components.includes(component.id)) ? 'under_maintenance' : 'operational';
}

/**
 * A component's status as far as public incidents explain it. The stored status is the worst impact
 * of every open incident, private ones included (or what an operator set by hand). When it is worse
 * than anything a public incident reports and a private incident reports exactly it, the private
 * incident is all that explains it: the public sees the worst public impact instead. An operator's
 * own setting (one no private incident matches) stays as it is.
 */
export function statusWithoutPrivate(
  stored: ComponentStatus,
  publicImpacts: ComponentStatus[],
  privateImpacts: ComponentStatus[],
): ComponentStatus {
  const shown = worstComponentStatus(publicImpacts);
  if (STATUS_RANK[stored] <= STATUS_RANK[shown]) return stored;
  return privateImpacts.includes(stored) ? shown : stored;
}

/** Every component with the status visitors may see: private incidents leave it alone (see statusWithoutPrivate). */
export function withoutPrivateImpacts<C extends Pick<Component, 'id' | 'status'>>(
  components: C[],
  openPublic: Pick<Incident, 'components'>[],
  openPrivate: { id: string; status: ComponentStatus }[],
): C[] {
  if (openPrivate.length === 0) return components;
  const byComponent = (list: { id: string; status: ComponentStatus }[]) => {
    const m = new Map<string, ComponentStatus[]>();
    for (const a of list) m.set(a.id, [...(m.get(a.id) ?? []), a.status]);
    return m;
  };
  const pub = byComponent(openPublic.flatMap((i) => i.components));
  const priv = byComponent(openPrivate);
  return components.map((c) => {
    const p = priv.get(c.id);
    if (!p) return c;
    const status = statusWithoutPrivate(c.status, pub.get(c.id) ?? [], p);
    return status === c.status ? c : { ...c, status };
  });
}

export interface OverallStatus {
  indicator: Indicator;
  description: string;
  /** The worst component status, for the banner's icon and words. */
  worst: ComponentStatus;
  maintenance: boolean;
}

const DESCRIPTIONS: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};

/** The page's overall status: the worst of every component's status and every open public incident's impact. */
export function overallStatus(componentStatuses: ComponentStatus[], openIncidentImpacts: Indicator[]): OverallStatus {
  const worst = worstComponentStatus(componentStatuses);
  const indicator = worstIndicator([...componentStatuses.map(impactOfStatus), ...openIncidentImpacts]);
  const maintenance = indicator === 'none' && componentStatuses.includes('under_maintenance');
  return {
    indicator,
    description: maintenance ? 'Service Under Maintenance' : DESCRIPTIONS[indicator],
    worst,
    maintenance,
  };
}

/** Words for each component status: the page never tells status by colour alone. */
export const STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const IMPACT_LABEL: Record<Indicator, string> = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};
