// /history?month=YYYY-MM — past public incidents, one UTC month per page, newest first.
import type { FC } from 'hono/jsx';
import { addMonths, monthKey, monthLabel, monthOf, monthRange } from '../../../core/public/history';
import type { TrackRecord } from '../../../core/sla/track-record';
import type { HistoryPage } from '../../../services/public-page';
import { IncidentCard } from './incident-parts';
import { Layout } from './layout';

/** The publication commitment's record, in words: "n of m" over the last 90 days. */
const TrackRecordNote: FC<{ record: TrackRecord }> = ({ record }) => (
  <p class="track-record">
    {record.total === 0
      ? `No incident in the last ${record.windowDays} days has come due for a customer summary yet.`
      : `Customer summaries published within ${record.hours} hours of the incident's start: ${record.met} of ${record.total} in the last ${record.windowDays} days.`}
  </p>
);

export const HistoryView: FC<{ h: HistoryPage }> = ({ h }) => {
  const newer = addMonths(h.month, 1);
  const older = addMonths(h.month, -1);
  const hasNewer = monthRange(newer).start <= h.now;
  const hasOlder = h.oldestStart !== null && h.oldestStart < monthRange(h.month).start;
  const names = new Map(h.components.map((c) => [c.id, c]));
  const current = monthKey(monthOf(h.now)) === monthKey(h.month);
  return (
    <Layout
      settings={h.page.settings}
      title={`Incident history, ${monthLabel(h.month)} · ${h.page.settings.name} status`}
    >
      <h1>Incident history</h1>
      <TrackRecordNote record={h.trackRecord} />
      <nav class="pager" aria-label="Months">
        {hasNewer ? (
          <a href={`/history?month=${monthKey(newer)}`} rel="prev">
            ← {monthLabel(newer)}
          </a>
        ) : (
          <span />
        )}
        <h2 class="pager-current">
          {monthLabel(h.month)}
          {current ? ' (this month)' : ''}
        </h2>
        {hasOlder ? (
          <a href={`/history?month=${monthKey(older)}`} rel="next">
            {monthLabel(older)} →
          </a>
        ) : (
          <span />
        )}
      </nav>
      {h.incidents.length === 0 ? (
        <p class="quiet">No incidents reported in {monthLabel(h.month)}.</p>
      ) : (
        h.incidents.map((i) => <IncidentCard incident={i} names={names} updates="none" />)
      )}
    </Layout>
  );
};
