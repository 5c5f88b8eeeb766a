// A published summary that no longer matches its incident. When an incident's recorded start or
// end moves after publication, the published text is re-checked: a `times-mismatch` or `utc-times`
// finding it did not have when it was saved makes it stale. Staleness is derived at read time (GET
// .../summary shows it); the change that caused it also sends the lead one `summary.stale` alert
// through the SLA outbox.
import { buildAlertPayload, type StaleSummaryFacts } from '../core/sla/alert';
import { slaClock } from '../core/sla/clock';
import { slaDeadline } from '../core/sla/policy';
import { EMPTY_LEXICON } from '../core/summary/lexicon';
import { lintSummary } from '../core/summary/lint';
import type { SummaryVersion } from '../core/summary/records';
import type { Finding } from '../core/summary/types';
import type { Actor, Incident } from '../core/types';
import { newId } from '../lib/id';
import type { Deps } from './deps';
import { NO_ROUTE_ERROR, routesFor } from './sla-outbox';
import { getSlaSettings } from './sla-settings';

export const STALE_RULES: readonly string[] = ['times-mismatch', 'utc-times'];

export const STALENESS_ACTOR: Actor = { tokenId: null, label: 'system:summary' };

export interface SummaryStaleness {
  /** The published version that went stale. */
  version: number;
  /** Its time findings under the incident's current times that it did not have when saved. */
  findings: Finding[];
}

const key = (f: Pick<Finding, 'rule' | 'message'>) => `${f.rule}\u0000${f.message}`;

/** Pure: the time findings `published` has against `incident` now and did not have when it was saved. */
export function staleFindings(
  published: Pick<SummaryVersion, 'markdown' | 'findings'>,
  incident: Pick<Incident, 'startedAt' | 'resolvedAt'>,
): Finding[] {
  const before = new Set(published.findings.filter((f) => STALE_RULES.includes(f.rule)).map(key));
  // Only the time rules matter here, and they do not read the lexicon.
  const now = lintSummary(published.markdown, EMPTY_LEXICON, {
    incident: { startedAt: incident.startedAt, resolvedAt: incident.resolvedAt },
  });
  return now.findings.filter((f) => STALE_RULES.includes(f.rule) && !before.has(key(f)));
}

/** The staleness of the incident's published summary, or null (nothing published, or still accurate). */
export async function summaryStaleness({
  deps,
  incident,
}: {
  deps: Deps;
  incident: Pick<Incident, 'id' | 'startedAt' | 'resolvedAt'>;
}): Promise<SummaryStaleness | null> {
  const published = await deps.store.summaries.published(incident.id);
  if (!published) return null;
  const findings = staleFindings(published, incident);
  return findings.length > 0 ? { version: published.version, findings } : null;
}

/** A short stable fingerprint of a set of findings: the same staleness is alerted once per channel. */
function fingerprint(findings: Finding[]): string {
  let h = 0x811c9dc5;
  for (const ch of findings.map(key).sort().join('\u0001')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Called after a write that moved an incident's start or end. Never throws: the write has committed,
 * and an alert that cannot be queued must not turn it into an error (GET .../summary still shows it).
 */
export async function incidentTimesChanged({ deps, incident }: { deps: Deps; incident: Incident }): Promise<void> {
  try {
    const stale = await summaryStaleness({ deps, incident });
    if (!stale) return;
    const [settings, sla] = await Promise.all([getSlaSettings({ deps }), deps.store.sla.incident(incident.id)]);
    if (!sla) return;
    const now = deps.clock();
    const clock = slaClock(sla, settings, now);
    const deadline = clock.deadline ?? slaDeadline(sla.startedAt, settings);
    const facts: StaleSummaryFacts = {
      version: stale.version,
      findings: stale.findings.map((f) => ({ rule: f.rule, message: f.message, text: f.text })),
    };
    const checkpoint = `stale-v${stale.version}-${fingerprint(stale.findings)}`;
    const alerts = routesFor(sla.lead, settings.fallback).map((r) => {
      const alertId = newId('alr');
      const none = r.channel === 'none';
      return {
        id: alertId,
        incidentId: incident.id,
        checkpoint,
        type: 'summary.stale',
        channel: r.channel,
        target: r.target,
        payload: buildAlertPayload({
          alertId,
          type: 'summary.stale',
          checkpoint,
          incident: { id: incident.id, title: incident.title },
          deadline,
          secondsLeft: clock.secondsLeft ?? Math.floor((deadline - (sla.publishedAt ?? now)) / 1000),
          state: clock.state,
          publicUrl: deps.config.publicUrl,
          stale: facts,
        }),
        status: none ? ('dead' as const) : ('pending' as const),
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        ...(none ? { lastError: NO_ROUTE_ERROR } : {}),
      };
    });
    await deps.store.sla.enqueue({
      alerts,
      audit: [
        {
          actor: STALENESS_ACTOR,
          action: 'summary.stale',
          targetType: 'incident',
          targetId: incident.id,
          at: now,
          details: { version: stale.version, findings: facts.findings },
        },
      ],
    });
  } catch (err) {
    console.error(`[afterword] could not re-check the published summary of incident ${incident.id}:`, err);
  }
}
