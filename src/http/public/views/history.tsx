// /history?month=YYYY-MM&component=ID&severity=critical|major|minor — past public incidents, one UTC
// month per page, newest first, filtered by component and impact (a plain GET form: no script needed).
import type { FC } from 'hono/jsx';
import {
  addMonths,
  HISTORY_SEVERITIES,
  historyQuery,
  monthKey,
  monthLabel,
  monthOf,
  monthRange,
} from '../../../core/public/history';
import type { OverallStatus } from '../../../core/public/status';
import { IMPACT_LABEL } from '../../../core/public/status';
import { componentTree } from '../../../core/public/tree';
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

/** Component and impact choices; submitting opens the newest month with matching incidents. */
const FilterForm: FC<{ h: HistoryPage }> = ({ h }) => (
  <form class="filters" method="get" action="/history">
    <label>
      <span>Component</span>
      <select name="component">
        <option value="">All components</option>
        {componentTree(h.groups, h.components).map((entry) =>
          entry.kind === 'component' ? (
            <option value={entry.component.id} selected={entry.component.id === h.filter.component}>
              {entry.component.name}
            </option>
          ) : (
            <optgroup label={entry.group.name}>
              {entry.children.map((c) => (
                <option value={c.id} selected={c.id === h.filter.component}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ),
        )}
      </select>
    </label>
    <label>
      <span>Impact</span>
      <select name="severity">
        <option value="">Any impact</option>
        {HISTORY_SEVERITIES.map((sev) => (
          <option value={sev} selected={sev === h.filter.severity}>
            {IMPACT_LABEL[sev]}
          </option>
        ))}
      </select>
    </label>
    <button type="submit">Filter</button>
    {h.filter.component !== null || h.filter.severity !== null ? <a href="/history">Show all</a> : null}
  </form>
);

/** What the filter narrows to, in words ("for API, critical impact"), or nothing. */
function filterWords(h: HistoryPage): string {
  const parts: string[] = [];
  const c = h.components.find((x) => x.id === h.filter.component);
  if (c) parts.push(`for ${c.name}`);
  if (h.filter.severity !== null) parts.push(`with ${IMPACT_LABEL[h.filter.severity].toLowerCase()} impact`);
  return parts.join(', ');
}

export function historyDescription(h: HistoryPage, status: OverallStatus): string {
  const n = h.incidents.length;
  const narrowed = filterWords(h);
  return `${n === 0 ? 'No' : n} incident${n === 1 ? '' : 's'}${narrowed ? ` ${narrowed}` : ''} in ${monthLabel(h.month)}. Current status: ${status.description}.`;
}

export const HistoryView: FC<{ h: HistoryPage; status: OverallStatus }> = ({ h, status }) => {
  const newer = addMonths(h.month, 1);
  const older = addMonths(h.month, -1);
  const hasNewer = monthRange(newer).start <= h.now;
  const hasOlder = h.oldestStart !== null && h.oldestStart < monthRange(h.month).start;
  const names = new Map(h.components.map((c) => [c.id, c]));
  const current = monthKey(monthOf(h.now)) === monthKey(h.month);
  const narrowed = filterWords(h);
  return (
    <Layout
      settings={h.page.settings}
      pageUrl={h.page.url}
      status={status}
      title={`Incident history, ${monthLabel(h.month)}`}
      description={historyDescription(h, status)}
      path={`/history${historyQuery(h.month, h.filter)}`}
    >
      <h1>Incident history</h1>
      <TrackRecordNote record={h.trackRecord} />
      <FilterForm h={h} />
      {/* Calendar order: the older month on the left, pointing back; the newer on the right. */}
      <nav class="pager" aria-label="Months">
        {hasOlder ? (
          <a href={`/history${historyQuery(older, h.filter)}`} rel="prev">
            <span aria-hidden="true">← </span>
            <span class="vh">Older: </span>
            {monthLabel(older)}
          </a>
        ) : (
          <span />
        )}
        <h2 class="pager-current">
          {monthLabel(h.month)}
          {current ? ' (this month)' : ''}
        </h2>
        {hasNewer ? (
          <a href={`/history${historyQuery(newer, h.filter)}`} rel="next">
            <span class="vh">Newer: </span>
            {monthLabel(newer)}
            <span aria-hidden="true"> →</span>
          </a>
        ) : (
          <span />
        )}
      </nav>
      {h.incidents.length === 0 ? (
        <p class="quiet">
          No incidents {narrowed ? `${narrowed} ` : ''}reported in {monthLabel(h.month)}.
        </p>
      ) : (
        h.incidents.map((i) => <IncidentCard incident={i} names={names} updates="none" />)
      )}
    </Layout>
  );
};
