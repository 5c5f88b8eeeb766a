// The routes an app registers, read from the app itself, so a list a test runs over can't fall behind.
import type { Hono } from 'hono';

export interface RegisteredRoute {
  method: string;
  /** The pattern as registered, e.g. `/api/v1/incidents/:id/summary`. */
  path: string;
}

/** Every method + path the app answers under `prefix` (middleware-only `ALL` entries and CORS `OPTIONS` left out). */
export function registeredRoutes(app: Hono<any>, prefix: string): RegisteredRoute[] {
  const seen = new Map<string, RegisteredRoute>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.method === 'OPTIONS' || !r.path.startsWith(prefix)) continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** A concrete path for a pattern: each `:param` becomes `x_<param>` (an id that exists nowhere). */
export function samplePath(pattern: string): string {
  return pattern.replace(/:([A-Za-z_]+)/g, 'x_$1');
}
