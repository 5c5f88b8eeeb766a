// Small pieces every public view shares: UTC times, status words with icons, impact pills.
import type { Child, FC } from 'hono/jsx';
import { formatUtc } from '../../../core/public/history';
import { IMPACT_LABEL, type Indicator, STATUS_LABEL } from '../../../core/public/status';
import type { ComponentStatus, EpochMs, IncidentStatus, MaintenanceStatus } from '../../../core/types';

/** A UTC instant, machine-readable in `datetime`; the optional script adds the visitor's local time beside it. */
export const Time: FC<{ at: EpochMs }> = ({ at }) => (
  <time datetime={`${new Date(at).toISOString().slice(0, 16)}Z`}>{formatUtc(at)}</time>
);

type IconName = 'ok' | 'degraded' | 'partial' | 'major' | 'maintenance';

export const ICON_OF: Record<ComponentStatus, IconName> = {
  operational: 'ok',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
  under_maintenance: 'maintenance',
};

export const STATUS_OF_IMPACT: Record<Indicator, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

/** Each status has its own shape, so it reads without colour: check, minus, half, cross, wrench. */
const PATHS: Record<IconName, string> = {
  ok: 'M4.5 8.5l2.5 2.5 4.5-5',
  degraded: 'M4.5 8h7',
  partial: 'M8 4.5v4M8 11.2v.3',
  major: 'M5 5l6 6M11 5l-6 6',
  maintenance: 'M5 11l3.5-3.5M9.5 4.5a2 2 0 1 0 2 2',
};

/** An icon drawn from the page's sprite (defined once in the layout), so each use costs a few bytes. */
export const Icon: FC<{ status: ComponentStatus }> = ({ status }) => (
  <svg class="icon" width="16" height="16" aria-hidden="true">
    <use href={`#i-${ICON_OF[status]}`} />
  </svg>
);

/** The icon shapes, once per page. */
export const IconSprite: FC = () => (
  <svg class="sprite" aria-hidden="true" focusable="false" width="0" height="0">
    {(Object.keys(PATHS) as IconName[]).map((name) => (
      <symbol id={`i-${name}`} viewBox="0 0 16 16">
        <circle cx="8" cy="8" r="7.25" fill="currentColor" stroke="none" />
        <path d={PATHS[name]} fill="none" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
      </symbol>
    ))}
  </svg>
);

/** Status in words with an icon; colour is only the third signal. */
export const StatusPill: FC<{ status: ComponentStatus; label?: string }> = ({ status, label }) => (
  <span class={`pill s-${status}`}>
    <Icon status={status} />
    {label ?? STATUS_LABEL[status]}
  </span>
);

export const ImpactPill: FC<{ impact: Indicator }> = ({ impact }) => (
  <StatusPill status={STATUS_OF_IMPACT[impact]} label={`${IMPACT_LABEL[impact]} impact`} />
);

export const INCIDENT_STATUS_LABEL: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const MAINTENANCE_STATUS_LABEL: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

export const Section: FC<{ id: string; title: string; children?: Child }> = ({ id, title, children }) => (
  <section class="section" aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {children}
  </section>
);
