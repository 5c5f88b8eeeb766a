// How domain records look on the /api/v1 wire: camelCase, opaque ids, ISO-8601 UTC instants.
import { targetOrigin } from '../core/targets';
import type {
  ApiToken,
  Component,
  ComponentGroup,
  EpochMs,
  Incident,
  IncidentUpdate,
  Maintenance,
} from '../core/types';
import { isIncidentPublic } from '../core/types';

export function iso(ms: EpochMs): string;
export function iso(ms: EpochMs | null): string | null;
export function iso(ms: EpochMs | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function presentComponent(c: Component) {
  return { ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) };
}

export function presentGroup(g: ComponentGroup) {
  return { ...g, createdAt: iso(g.createdAt), updatedAt: iso(g.updatedAt) };
}

/** Who may read a lead's full webhook URL (its path is often a credential): admin and incidents:write tokens. */
function seesLeadWebhook(viewer: Pick<ApiToken, 'scopes'> | null | undefined): boolean {
  return Boolean(viewer?.scopes.some((s) => s === 'admin' || s === 'incidents:write'));
}

/** An incident as the API shows it to `viewer`: others see only the origin of the lead's webhook. */
export function presentIncident(i: Incident, viewer?: Pick<ApiToken, 'scopes'> | null) {
  const webhookUrl =
    i.lead.webhookUrl && !seesLeadWebhook(viewer) ? targetOrigin(i.lead.webhookUrl) : i.lead.webhookUrl;
  return {
    ...i,
    lead: { ...i.lead, webhookUrl },
    publiclyVisible: isIncidentPublic(i),
    startedAt: iso(i.startedAt),
    detectedAt: iso(i.detectedAt),
    acknowledgedAt: iso(i.acknowledgedAt),
    resolvedAt: iso(i.resolvedAt),
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
  };
}

export function presentUpdate(u: IncidentUpdate) {
  return { ...u, createdAt: iso(u.createdAt), editedAt: iso(u.editedAt ?? null) };
}

export function presentMaintenance(m: Maintenance) {
  return {
    ...m,
    scheduledFor: iso(m.scheduledFor),
    scheduledUntil: iso(m.scheduledUntil),
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  };
}

export function presentToken(t: ApiToken) {
  return { ...t, createdAt: iso(t.createdAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) };
}
