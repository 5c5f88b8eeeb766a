// /incidents/:id — one public incident: timeline, affected components, and its published customer summary.

import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { formatDuration } from '../../../core/public/history';
import { incidentDescription } from '../../../core/public/preview';
import type { SummaryCommitment } from '../../../core/public/snapshot';
import { incidentImpact } from '../../../core/public/status';
import { snapshotStatus } from '../../../core/public/statuspage';
import type { IncidentPage } from '../../../services/public-page';
import { AffectedList, Timeline } from './incident-parts';
import { Layout } from './layout';
import { ImpactPill, INCIDENT_STATUS_LABEL, Section, Time } from './parts';

const Commitment: FC<{ c: SummaryCommitment; startedAt: number; publishedAt: number | null }> = ({
  c,
  startedAt,
  publishedAt,
}) => {
  if (c.deadline === null) return null;
  const hours = Math.round((c.deadline - startedAt) / 3_600_000);
  if (publishedAt === null) {
    return (
      <p class="commitment">
        We commit to publishing a customer summary within {hours} hours: due by <Time at={c.deadline} />.
      </p>
    );
  }
  return c.met ? (
    <p class="commitment met">
      <strong>Published within our {hours}-hour commitment</strong> ({formatDuration(publishedAt - startedAt)} after the
      incident began).
    </p>
  ) : (
    <p class="commitment missed">
      <strong>Published after our {hours}-hour commitment</strong>, {formatDuration(publishedAt - c.deadline)} late.
    </p>
  );
};

export const IncidentView: FC<{ p: IncidentPage; summaryHtml: string | null }> = ({ p, summaryHtml }) => {
  const { incident: i, snapshot: s, commitment } = p;
  const names = new Map(s.components.map((c) => [c.id, c]));
  return (
    <Layout
      settings={s.page.settings}
      pageUrl={s.page.url}
      status={snapshotStatus(s)}
      title={i.title}
      description={incidentDescription(i)}
      path={`/incidents/${i.id}`}
    >
      <article class="incident-page">
        <h1>{i.title}</h1>
        <p class="incident-meta">
          <ImpactPill impact={incidentImpact(i)} />
          {' · '}
          <span class="incident-status">{INCIDENT_STATUS_LABEL[i.status]}</span>
        </p>
        <dl class="facts">
          <dt>Started</dt>
          <dd>
            <Time at={i.startedAt} />
          </dd>
          <dt>{i.resolvedAt === null ? 'Ongoing for' : 'Resolved'}</dt>
          <dd>
            {i.resolvedAt === null ? (
              formatDuration(s.now - i.startedAt)
            ) : (
              <>
                <Time at={i.resolvedAt} /> (lasted {formatDuration(i.resolvedAt - i.startedAt)})
              </>
            )}
          </dd>
        </dl>
        <AffectedList incident={i} names={names} />
        <Section id="h-updates" title="Updates">
          {i.updates.length === 0 ? <p class="quiet">No updates yet.</p> : <Timeline incident={i} />}
        </Section>
        <section class="section" id="summary" aria-labelledby="h-summary">
          <h2 id="h-summary">Customer summary</h2>
          {i.summary ? (
            <>
              <p class="summary-meta">
                First published <Time at={i.summary.firstPublishedAt} />
                {i.summary.publishedAt > i.summary.firstPublishedAt ? (
                  <>
                    , last updated <Time at={i.summary.publishedAt} />
                  </>
                ) : null}
                .
              </p>
              {/* The commitment is judged on the first publication: a later correction does not move it. */}
              <Commitment c={commitment} startedAt={i.startedAt} publishedAt={i.summary.firstPublishedAt} />
              <div class="summary">{raw(summaryHtml ?? '')}</div>
            </>
          ) : (
            <>
              <p class="quiet">No customer summary has been published for this incident yet.</p>
              <Commitment c={commitment} startedAt={i.startedAt} publishedAt={null} />
            </>
          )}
        </section>
      </article>
      <p>
        <a href="/">Back to current status</a> · <a href="/history">Incident history</a>
      </p>
    </Layout>
  );
};
