// The Worker bundle only (wrangler.toml [alias]): stand-ins for the two modules Hono's deprecated
// `app.mount(path, otherFrameworksHandler)` needs (hono/dist/utils/mount.js and helper/route), which
// hono-base.js imports for that one method. No app here calls `.mount()` (sub-apps are joined with
// `.route()`), so the Worker carries neither (about 0.8 KB gzipped). Called anyway, they say so and
// throw. The workerd test pool does not apply wrangler's aliases; test/db/worker-stubs.test.ts checks
// each alias still matches an import Hono makes and that every name it imports is here.

function unavailable(): never {
  throw new Error("Hono's app.mount() is left out of the Worker bundle (see src/http/hono-worker-stubs.ts)");
}

/** utils/mount.js: the request a mounted application is handed. */
export const createMountedRequest = (..._args: unknown[]): Request => unavailable();
/** helper/route/index.js, as hono-base.js imports it: the matched route's path, for mount(). */
export const routePath = (..._args: unknown[]): string => unavailable();
