// The public routes the render cache keys and pins, and the query parameters each one reads. A cache
// entry is keyed on the path plus only these parameters (first value of each), so `/?utm_source=x`
// is `/` and costs no render. A route that starts reading a query parameter must list it here, or
// every value would share one entry. Paths not listed (`/incidents/:id`) are keyed on the path alone.
// A listed path also keeps a pinned last good render (its bare path, without parameters), which
// eviction never removes: the fallback when the database cannot be read.
export const CACHED_ROUTES: Readonly<Record<string, readonly string[]>> = {
  '/': [],
  '/history': ['month', 'component', 'severity'],
  '/badge.svg': [],
  '/history.atom': ['component'],
  '/history.rss': ['component'],
  '/maintenance.ics': ['component'],
  '/api/v2/summary.json': [],
  '/api/v2/status.json': [],
  '/api/v2/components.json': [],
  '/api/v2/incidents.json': [],
  '/api/v2/incidents/unresolved.json': [],
  '/api/v2/scheduled-maintenances.json': [],
  '/api/v2/scheduled-maintenances/upcoming.json': [],
  '/api/v2/scheduled-maintenances/active.json': [],
};
