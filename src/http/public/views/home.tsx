// The home page: overall status, active incidents, maintenance, components with 90-day uptime bars,
// and the last 14 days of incidents.
import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { groupByDay } from '../../../core/public/history';
import { homeDescription } from '../../../core/public/preview';
import type { PublicIncident, StatusSnapshot } from '../../../core/public/snapshot';
import { effectiveMaintenanceStatus, STATUS_LABEL } from '../../../core/public/status';
import {
  activeMaintenances,
  publicStatuses,
  snapshotStatus,
  upcomingMaintenances,
} from '../../../core/public/statuspage';
import { componentTree } from '../../../core/public/tree';
import { type DayCell, type UptimeBar, uptimeBars, utcDate } from '../../../core/public/uptime';
import { worstComponentStatus } from '../../../core/status';
import type { Component, ComponentStatus, Maintenance } from '../../../core/types';
import { IncidentCard } from './incident-parts';
import { Layout } from './layout';
import { Icon, MAINTENANCE_STATUS_LABEL, Section, StatusPill, Time } from './parts';

/** Short class names: 90 cells per component add up. Operational is the bar's default colour, so it needs none. */
const CELL_CLASS: Record<DayCell['worst'], string> = {
  no_data: 'nd',
  operational: '',
  degraded_performance: 'dg',
  partial_outage: 'po',
  major_outage: 'mo',
  under_maintenance: 'um',
};

/** What an operational day's tooltip says: one title on the list, inherited by its untitled cells. */
export const QUIET_DAY_TITLE = 'No incidents';

/**
 * The 90 cells as one string: the hottest markup on the page, built without a JSX node per cell.
 * Only days with incidents (or no data) carry their own short text; the rest inherit the list's title,
 * and the optional script adds their date from `data-from`. (`</li>` is optional in HTML and left out.)
 * The incidents' names are not repeated here: they are in the day list below the bar.
 */
function barHtml(bar: UptimeBar): string {
  let out = `<ol class="bar" aria-hidden="true" title="${QUIET_DAY_TITLE}" data-from="${bar.days[0]?.date ?? ''}">`;
  for (const d of bar.days) {
    if (d.worst === 'operational' && d.incidents.length === 0) out += '<li>';
    else if (d.worst === 'no_data') out += '<li class="nd" title="No data">';
    else out += `<li class="${CELL_CLASS[d.worst]}" title="${cellTitle(d)}">`;
  }
  return `${out}</ol>`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A cell's tooltip: date, worst impact, how many incidents, minutes affected (no user text, so nothing to escape). */
export function cellTitle(cell: DayCell): string {
  if (cell.worst === 'no_data') return `${cell.date}: no data`;
  if (cell.incidents.length === 0) return `${cell.date}: no incidents`;
  return `${cell.date}: ${STATUS_LABEL[cell.worst]}, ${plural(cell.incidents.length, 'incident')}, ${cell.minutesAffected} min`;
}

/** How many incidents a day's line names before "+N more" (each links to the rest on the history page). */
const NAMED_PER_DAY = 2;

/**
 * A line of the day list: the cell's facts plus the names of its first incidents. Plain text (up to
 * 90 lines per component: markup here costs kilobytes); the date starts the line, so it cannot wrap.
 */
function dayLine(cell: DayCell): string {
  const names = cell.incidents.slice(0, NAMED_PER_DAY).map((i) => i.title);
  const more = cell.incidents.length - names.length;
  return `${cell.date}: ${STATUS_LABEL[cell.worst as ComponentStatus]}, ${cell.minutesAffected} min affected (${names.join('; ')}${more > 0 ? `; +${more} more` : ''})`;
}

/** 90 cells, one per UTC day. The cells are a picture (title tooltips for pointers); the same facts are listed in text below. */
const UptimeBarView: FC<{ bar: UptimeBar; name: string }> = ({ bar, name }) => {
  const bad = bar.days.filter((d) => d.incidents.length > 0);
  return (
    <div class="uptime">
      {raw(barHtml(bar))}
      <p class="uptime-meta">
        <span>{bar.days.length} days ago</span>
        <span class="uptime-pct">
          {bar.uptimePercent === null ? 'No data yet' : `${bar.uptimePercent.toFixed(2)} % uptime`}
          {bar.uptimePercent !== null && bar.younger ? (
            <>
              {' since '}
              <time datetime={utcDate(bar.measuredFrom)}>{utcDate(bar.measuredFrom)}</time>
            </>
          ) : null}
        </span>
        <span>Today</span>
      </p>
      {bad.length > 0 ? (
        <details class="days">
          <summary>
            {plural(bad.length, 'day')} with incidents<span class="vh"> for {name}</span>
          </summary>
          <ul>
            {[...bad].reverse().map((d) => (
              <li>{dayLine(d)}</li>
            ))}
          </ul>
        </details>
      ) : (
        <p class="vh">
          No incidents for {name} in the last {bar.days.length} days.
        </p>
      )}
    </div>
  );
};

/** Every colour a bar cell can take, in words; the cells themselves are a picture (hidden from screen readers). */
const LEGEND: [string, string][] = [
  ['', 'No incidents'],
  ['dg', STATUS_LABEL.degraded_performance],
  ['po', STATUS_LABEL.partial_outage],
  ['mo', STATUS_LABEL.major_outage],
  ['um', STATUS_LABEL.under_maintenance],
  ['nd', 'No data (before the component existed)'],
];

const UptimeLegend: FC = () => (
  <div class="legend">
    <p>Uptime bars: one cell per UTC day, coloured by the worst impact that day:</p>
    <ul class="legend-keys">
      {LEGEND.map(([cls, label]) => (
        <li>
          <span class={`key ${cls}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
    <p>
      Uptime counts 30 % of partial-outage minutes and all major-outage minutes as downtime, over the last 90 days or
      since the component was added.
    </p>
  </div>
);

const ComponentRow: FC<{ component: Component; status: ComponentStatus; bar: UptimeBar | undefined }> = ({
  component,
  status,
  bar,
}) => (
  <li class="component">
    <div class="component-row">
      <span class="component-name">{component.name}</span>
      <StatusPill status={status} />
    </div>
    {component.description ? <p class="component-desc">{component.description}</p> : null}
    {bar ? <UptimeBarView bar={bar} name={component.name} /> : null}
  </li>
);

const MaintenanceCard: FC<{ m: Maintenance; now: number; names: Map<string, Component> }> = ({ m, now, names }) => {
  const affected = m.components.map((id) => names.get(id)?.name).filter((n) => n !== undefined);
  return (
    <article class="incident maintenance" id={`maintenance-${m.id}`}>
      <h3 class="incident-title">{m.title}</h3>
      <p class="incident-meta">
        <StatusPill status="under_maintenance" label={MAINTENANCE_STATUS_LABEL[effectiveMaintenanceStatus(m, now)]} />{' '}
        <Time at={m.scheduledFor} /> to <Time at={m.scheduledUntil} />
      </p>
      {affected.length > 0 ? <p class="affected">Affected: {affected.join(', ')}</p> : null}
      {m.body ? <p class="update-body">{m.body}</p> : null}
    </article>
  );
};

const PastDays: FC<{ recent: PublicIncident[]; now: number; names: Map<string, Component> }> = ({
  recent,
  now,
  names,
}) => (
  <>
    {groupByDay(
      recent.filter((i) => i.status === 'resolved'),
      now,
    ).map((day) => (
      <div class="day">
        <h3 class="day-title">
          <time datetime={day.date}>{day.date}</time>
        </h3>
        {day.items.length === 0 ? (
          <p class="quiet">No incidents reported.</p>
        ) : (
          day.items.map((i) => <IncidentCard incident={i} names={names} updates="none" level={4} />)
        )}
      </div>
    ))}
  </>
);

export const HomePage: FC<{ s: StatusSnapshot }> = ({ s }) => {
  const statuses = publicStatuses(s);
  const overall = snapshotStatus(s);
  const bars = new Map(uptimeBars(s.components, s.recent, s.now).map((b) => [b.componentId, b]));
  const names = new Map(s.components.map((c) => [c.id, c]));
  const active = activeMaintenances(s);
  const upcoming = upcomingMaintenances(s).sort((a, b) => a.scheduledFor - b.scheduledFor);
  const bannerStatus: ComponentStatus = overall.maintenance
    ? 'under_maintenance'
    : (
        {
          none: 'operational',
          minor: 'degraded_performance',
          major: 'partial_outage',
          critical: 'major_outage',
        } as const
      )[overall.indicator];
  const statusOf = (c: Component) => statuses.get(c.id) ?? c.status;
  return (
    <Layout
      settings={s.page.settings}
      pageUrl={s.page.url}
      status={overall}
      description={homeDescription(s.page.settings.name, overall, s.open, s.now)}
      path="/"
    >
      <section class={`banner s-${bannerStatus}`} aria-labelledby="overall">
        <Icon status={bannerStatus} />
        <div>
          <h1 id="overall">{overall.description}</h1>
          <p>
            As of <Time at={s.now} />
          </p>
        </div>
      </section>

      {s.open.length > 0 ? (
        <Section id="h-active" title={s.open.length === 1 ? 'Active incident' : `Active incidents (${s.open.length})`}>
          {s.open.map((i) => (
            <IncidentCard incident={i} names={names} updates="all" />
          ))}
        </Section>
      ) : null}

      {active.length > 0 ? (
        <Section id="h-maint-active" title="Maintenance in progress">
          {active.map((m) => (
            <MaintenanceCard m={m} now={s.now} names={names} />
          ))}
        </Section>
      ) : null}

      <Section id="h-components" title="Components">
        {s.components.length === 0 ? <p class="quiet">No components yet.</p> : null}
        <ul class="components">
          {componentTree(s.groups, s.components).map((entry) => {
            if (entry.kind === 'component') {
              const c = entry.component;
              return <ComponentRow component={c} status={statusOf(c)} bar={bars.get(c.id)} />;
            }
            const worst = worstComponentStatus(entry.children.map(statusOf));
            return (
              <li class="group">
                <details open={worst !== 'operational'}>
                  <summary>
                    <span class="component-name">{entry.group.name}</span>
                    <span class="group-count">
                      {entry.children.length} component{entry.children.length === 1 ? '' : 's'}
                    </span>
                    <StatusPill status={worst} />
                  </summary>
                  <ul class="components">
                    {entry.children.map((c) => (
                      <ComponentRow component={c} status={statusOf(c)} bar={bars.get(c.id)} />
                    ))}
                  </ul>
                </details>
              </li>
            );
          })}
        </ul>
        <UptimeLegend />
      </Section>

      {upcoming.length > 0 ? (
        <Section id="h-maint-upcoming" title="Scheduled maintenance">
          {upcoming.map((m) => (
            <MaintenanceCard m={m} now={s.now} names={names} />
          ))}
        </Section>
      ) : null}

      <Section id="h-past" title="Past incidents">
        <PastDays recent={s.recent} now={s.now} names={names} />
        <p>
          <a href="/history">Incident history</a>
        </p>
      </Section>
    </Layout>
  );
};
