// An incident as visitors see it: title, impact, affected components, and the timeline of updates.
import type { FC } from 'hono/jsx';
import type { PublicIncident } from '../../../core/public/snapshot';
import { incidentImpact } from '../../../core/public/status';
import type { Component } from '../../../core/types';
import { ImpactPill, INCIDENT_STATUS_LABEL, Time } from './parts';

export const Timeline: FC<{ incident: PublicIncident; latestOnly?: boolean }> = ({ incident, latestOnly }) => {
  const newestFirst = [...incident.updates].reverse().slice(0, latestOnly ? 1 : undefined);
  if (newestFirst.length === 0) return null;
  return (
    <ol class="timeline">
      {newestFirst.map((u) => (
        <li>
          <p class="update-head">
            <strong>{INCIDENT_STATUS_LABEL[u.status]}</strong> <Time at={u.createdAt} />
          </p>
          <p class="update-body">{u.body}</p>
        </li>
      ))}
    </ol>
  );
};

export const AffectedList: FC<{ incident: PublicIncident; names: Map<string, Component> }> = ({ incident, names }) => {
  const listed = incident.components.map((c) => names.get(c.id)?.name).filter((n) => n !== undefined);
  if (listed.length === 0) return null;
  return <p class="affected">Affected: {listed.join(', ')}</p>;
};

/** A card for an incident in a list (home page, history). `headingLevel` keeps the outline right. */
export const IncidentCard: FC<{
  incident: PublicIncident;
  names: Map<string, Component>;
  /** The whole timeline (open incidents), only the newest update (recent past), or none (history). */
  updates: 'all' | 'latest' | 'none';
  level?: 3 | 4;
}> = ({ incident, names, updates, level = 3 }) => {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <article class={`incident impact-${incidentImpact(incident)}`} id={`incident-${incident.id}`}>
      <Heading class="incident-title">
        <a href={`/incidents/${incident.id}`}>{incident.title}</a>
      </Heading>
      <p class="incident-meta">
        <ImpactPill impact={incidentImpact(incident)} />
        {' · '}
        <span class="incident-status">{INCIDENT_STATUS_LABEL[incident.status]}</span>
        {' · '}started <Time at={incident.startedAt} />
        {incident.resolvedAt !== null ? (
          <>
            {' · '}resolved <Time at={incident.resolvedAt} />
          </>
        ) : null}
      </p>
      <AffectedList incident={incident} names={names} />
      {updates === 'none' ? null : <Timeline incident={incident} latestOnly={updates === 'latest'} />}
      {incident.summary ? (
        <p class="summary-link">
          <a href={`/incidents/${incident.id}#summary`}>Read the customer summary</a>
        </p>
      ) : null}
    </article>
  );
};
