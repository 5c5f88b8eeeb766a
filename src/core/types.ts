// The domain vocabulary of Afterword, shared by every layer. Instants are epoch milliseconds (UTC)
// in core and store; the HTTP edge turns them into ISO-8601 strings with a `Z`.

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const SCOPES = [
  'admin',
  'incidents:write',
  'summaries:publish',
  'subscribers:read',
  'subscribers:write',
] as const;
export type Scope = (typeof SCOPES)[number];

export const WEBHOOK_KINDS = ['generic', 'slack'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export type EpochMs = number;

export interface ComponentGroup {
  id: string;
  name: string;
  description: string | null;
  position: number;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface Component {
  id: string;
  name: string;
  description: string | null;
  groupId: string | null;
  position: number;
  status: ComponentStatus;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface IncidentLead {
  name: string;
  email: string | null;
  webhookUrl: string | null;
  webhookKind: WebhookKind;
}

export interface AffectedComponent {
  id: string;
  status: ComponentStatus;
}

export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  /** null: public unless SEV-3 (the default rule); true/false: an explicit choice. */
  public: boolean | null;
  startedAt: EpochMs;
  detectedAt: EpochMs | null;
  acknowledgedAt: EpochMs | null;
  resolvedAt: EpochMs | null;
  lead: IncidentLead;
  components: AffectedComponent[];
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface IncidentUpdate {
  id: string;
  incidentId: string;
  status: IncidentStatus;
  body: string;
  createdAt: EpochMs;
  /** When the body was last corrected; null: as first posted. */
  editedAt: EpochMs | null;
}

export interface Maintenance {
  id: string;
  title: string;
  body: string | null;
  status: MaintenanceStatus;
  scheduledFor: EpochMs;
  scheduledUntil: EpochMs;
  components: string[];
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: EpochMs;
  lastUsedAt: EpochMs | null;
  revokedAt: EpochMs | null;
}

export interface AuditEntry {
  id: string;
  tokenId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  at: EpochMs;
}

/** Who performs a write: the token behind an API call, or the local CLI (null token). */
export interface Actor {
  tokenId: string | null;
  label: string;
}

/** Whether an incident may appear on the public page and feeds. SEV-3 is caught before customers notice. */
export function isIncidentPublic(incident: Pick<Incident, 'severity' | 'public'>): boolean {
  return incident.public ?? incident.severity !== 'SEV-3';
}
