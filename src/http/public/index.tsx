// The public status page router: HTML pages, the Statuspage v2 JSON, feeds and the badge, all
// through one render cache per app (keyed by data version, so any write shows on the next request).
import type { Context } from 'hono';
import type { JSXNode } from 'hono/jsx';
import { DomainError } from '../../core/errors';
import { freshness } from '../../core/public/freshness';
import { historyQuery, parseHistorySeverity, parseMonth } from '../../core/public/history';
import type { StatusSnapshot } from '../../core/public/snapshot';
import { effectiveMaintenanceStatus } from '../../core/public/status';
import {
  activeMaintenances,
  snapshotStatus,
  upcomingMaintenances,
  v2Components,
  v2Incident,
  v2Maintenance,
  v2Page,
  v2Status,
  v2Summary,
} from '../../core/public/statuspage';
import {
  loadHistoryMonth,
  loadIncidentPage,
  loadLatestIncidents,
  loadStatusSnapshot,
} from '../../services/public-page';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { badgeSvg } from './badge';
import { createRenderCache, type RenderCache, type Rendered } from './cache';
import { htmlErrorPage } from './error-page';
import { atomFeed, type FeedInput, maintenanceCalendar, rssFeed } from './feeds';
import { summaryHtml } from './summary-html';
import { HistoryView } from './views/history';
import { HomePage } from './views/home';
import { IncidentView } from './views/incident';
import { ErrorPageView } from './views/not-found';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

async function html(node: JSXNode | Promise<string> | string): Promise<string> {
  return `<!doctype html>${await node.toString()}`;
}

function fresh(s: StatusSnapshot, body: string, contentType: string, status: 200 | 404 = 200): Rendered {
  const f = freshness({
    now: s.now,
    lastWriteAt: s.page.updatedAt,
    maintenances: s.maintenances,
    drifting: s.open.length > 0,
  });
  return { body, contentType, status, ...f };
}

const json = (s: StatusSnapshot, value: unknown) => fresh(s, JSON.stringify(value), JSON_TYPE);

/** How many incidents incidents.json and the feeds carry (Statuspage's incidents.json returns the latest 50). */
const LATEST = 50;

/** `cache`: pass one in to also answer hits at a runtime edge (see RenderCache.peek); one per app otherwise. */
export function publicRoutes(cache: RenderCache = createRenderCache()) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) =>
    cache.serve(c, async () => {
      const s = await loadStatusSnapshot({ deps: c.get('deps') });
      return fresh(s, await html(<HomePage s={s} />), HTML);
    }),
  );

  app.get('/incidents/:id', (c) =>
    cache.serve(c, async () => {
      const deps = c.get('deps');
      const p = await loadIncidentPage({ deps, id: c.req.param('id') });
      if (p) {
        const summary = p.incident.summary ? summaryHtml(p.incident.summary.markdown) : null;
        return fresh(p.snapshot, await html(<IncidentView p={p} summaryHtml={summary} />), HTML);
      }
      const s = await loadStatusSnapshot({ deps });
      const body = await html(
        <ErrorPageView
          settings={s.page.settings}
          pageUrl={s.page.url}
          status={snapshotStatus(s)}
          code={404}
          what="There is no public incident at this address."
          path={new URL(c.req.url).pathname}
        />,
      );
      return fresh(s, body, HTML, 404);
    }),
  );

  app.get('/history', (c) => {
    const q = c.req.query();
    const month = q.month === undefined ? null : parseMonth(q.month);
    if (month === null && q.month !== undefined) {
      return htmlErrorPage(c, 400, 'The month in this address must look like 2026-11 (year, then month).');
    }
    const severity = q.severity ? parseHistorySeverity(q.severity) : null;
    if (q.severity && severity === null) {
      return htmlErrorPage(c, 400, 'The impact in this address must be critical, major or minor.');
    }
    const filter = { component: q.component || null, severity };
    return cache.serve(c, async () => {
      const deps = c.get('deps');
      const [loaded, s] = await Promise.all([loadHistoryMonth({ deps, month, filter }), loadStatusSnapshot({ deps })]);
      if (!loaded.ok) {
        const body = await html(
          <ErrorPageView
            settings={s.page.settings}
            pageUrl={s.page.url}
            status={snapshotStatus(s)}
            code={404}
            what="There is no component with this id on the page, so there is no history to show for it."
            path={`/history${historyQuery(month, filter)}`}
          />,
        );
        return fresh(s, body, HTML, 404);
      }
      return fresh(s, await html(<HistoryView h={loaded.history} status={snapshotStatus(s)} />), HTML);
    });
  });

  app.get('/badge.svg', (c) =>
    cache.serve(c, async () => {
      const s = await loadStatusSnapshot({ deps: c.get('deps') });
      const o = snapshotStatus(s);
      return fresh(s, badgeSvg('status', o.indicator, o.maintenance), 'image/svg+xml; charset=utf-8');
    }),
  );

  /**
   * `?component=ID` (a component or a group): what a feed or the calendar is limited to. An unknown id
   * is a 404 problem (never stored by the render cache).
   */
  function feedScope(c: Context<AppEnv>, s: StatusSnapshot): { scope: FeedInput['scope']; ids: Set<string> | null } {
    const id = c.req.query('component');
    if (id === undefined || id === '') return { scope: null, ids: null };
    const component = s.components.find((x) => x.id === id);
    if (component) return { scope: { id, name: component.name }, ids: new Set([id]) };
    const group = s.groups.find((g) => g.id === id);
    if (group) {
      const ids = new Set(s.components.filter((x) => x.groupId === id).map((x) => x.id));
      return { scope: { id, name: group.name }, ids };
    }
    throw new DomainError('not_found', 'There is no public component or group with this id.');
  }

  for (const [path, type, write] of [
    ['/history.atom', 'application/atom+xml; charset=utf-8', atomFeed],
    ['/history.rss', 'application/rss+xml; charset=utf-8', rssFeed],
  ] as const) {
    app.get(path, (c) =>
      cache.serve(c, async () => {
        const { snapshot, incidents: all } = await loadLatestIncidents({ deps: c.get('deps'), limit: LATEST });
        const { scope, ids } = feedScope(c, snapshot);
        const incidents = ids ? all.filter((i) => i.components.some((x) => ids.has(x.id))) : all;
        const maintenances = ids
          ? snapshot.maintenances.filter((m) => m.components.some((x) => ids.has(x)))
          : snapshot.maintenances;
        const summaries = new Map<string, string>();
        for (const i of incidents) if (i.summary) summaries.set(i.id, summaryHtml(i.summary.markdown));
        return fresh(snapshot, write({ snapshot, incidents, summaries, maintenances, scope }), type);
      }),
    );
  }

  // Upcoming and in-progress maintenance windows as an iCalendar (RFC 5545) feed, per component too.
  app.get('/maintenance.ics', (c) =>
    cache.serve(c, async () => {
      const snapshot = await loadStatusSnapshot({ deps: c.get('deps') });
      const { scope, ids } = feedScope(c, snapshot);
      const maintenances = snapshot.maintenances.filter(
        (m) =>
          effectiveMaintenanceStatus(m, snapshot.now) !== 'completed' &&
          (ids === null || m.components.some((x) => ids.has(x))),
      );
      return fresh(snapshot, maintenanceCalendar({ snapshot, maintenances, scope }), 'text/calendar; charset=utf-8');
    }),
  );

  // The Statuspage v2 public API.
  const v2 = new Hono<AppEnv>();
  const snapshotJson = (build: (s: StatusSnapshot) => unknown) =>
    function v2Json(c: Context<AppEnv>) {
      return cache.serve(c, async () => {
        const s = await loadStatusSnapshot({ deps: c.get('deps') });
        return json(s, build(s));
      });
    };
  v2.options('*', (c) =>
    c.body(null, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
      'Access-Control-Max-Age': '86400',
    }),
  );
  v2.get('/summary.json', snapshotJson(v2Summary));
  v2.get(
    '/status.json',
    snapshotJson((s) => ({ page: v2Page(s.page), status: v2Status(s) })),
  );
  v2.get(
    '/components.json',
    snapshotJson((s) => ({ page: v2Page(s.page), components: v2Components(s) })),
  );
  v2.get(
    '/incidents/unresolved.json',
    snapshotJson((s) => ({ page: v2Page(s.page), incidents: s.open.map((i) => v2Incident(i, s)) })),
  );
  v2.get('/incidents.json', (c) =>
    cache.serve(c, async () => {
      const { snapshot: s, incidents } = await loadLatestIncidents({ deps: c.get('deps'), limit: LATEST });
      return json(s, { page: v2Page(s.page), incidents: incidents.map((i) => v2Incident(i, s)) });
    }),
  );
  v2.get(
    '/scheduled-maintenances.json',
    snapshotJson((s) => ({
      page: v2Page(s.page),
      scheduled_maintenances: s.maintenances.map((m) => v2Maintenance(m, s)),
    })),
  );
  v2.get(
    '/scheduled-maintenances/upcoming.json',
    snapshotJson((s) => ({
      page: v2Page(s.page),
      scheduled_maintenances: upcomingMaintenances(s)
        .sort((a, b) => a.scheduledFor - b.scheduledFor)
        .map((m) => v2Maintenance(m, s)),
    })),
  );
  v2.get(
    '/scheduled-maintenances/active.json',
    snapshotJson((s) => ({
      page: v2Page(s.page),
      scheduled_maintenances: activeMaintenances(s).map((m) => v2Maintenance(m, s)),
    })),
  );
  app.route('/api/v2', v2);

  return app;
}
