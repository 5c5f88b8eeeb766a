// The Worker bundle only (wrangler.toml [alias]): stand-ins for Hono modules no route here uses.
// - The two modules of Hono's deprecated `app.mount(path, otherFrameworksHandler)` (hono/dist/utils/mount.js
//   and helper/route), which hono-base.js imports for that one method. No app here calls `.mount()`
//   (sub-apps are joined with `.route()`): about 0.8 KB gzipped.
// - The cookie helper, which Hono's validator imports for its `cookie` target. No route validates
//   cookies (the console reads its own with src/http/cookies.ts): about 0.3 KB gzipped.
// - hono/jsx's document-metadata components (jsx/intrinsic-element/components.js): they hoist a
//   <title>, <meta>, <link> or async <script> rendered outside <head> into it, and turn function form
//   actions into permalinks. Every such element here is written inside <head> and every action is a
//   URL, where they render the plain element: about 0.9 KB gzipped. test/browser/worker-page.test.ts
//   checks the Worker's pages hold the same <head> as the Node server's, and no metadata element outside it.
// - hono/jsx's client-side context provider (jsx/dom/context.js), which createContext attaches to each
//   context for the DOM renderer. The server renders strings and never reads it: about 0.2 KB gzipped.
// Called anyway, they say so and throw. The workerd test pool does not apply wrangler's aliases;
// test/db/worker-stubs.test.ts checks each alias still matches an import Hono makes and that every
// name it imports is here.

function unavailable(what = "Hono's app.mount()"): never {
  throw new Error(`${what} is left out of the Worker bundle (see src/http/hono-worker-stubs.ts)`);
}

/** utils/mount.js: the request a mounted application is handed. */
export const createMountedRequest = (..._args: unknown[]): Request => unavailable();
/** helper/route/index.js, as hono-base.js imports it: the matched route's path, for mount(). */
export const routePath = (..._args: unknown[]): string => unavailable();
/** helper/cookie/index.js, as validator/validator.js imports it: the `cookie` validation target. */
export const getCookie = (..._args: unknown[]): never => unavailable("Hono's cookie validation target");
/**
 * jsx/intrinsic-element/components.js, as jsx/base.js imports it: the elements rendered by a
 * component of their own, by tag. None here: every element renders as written.
 */
export const components_exports: Record<string, never> = Object.create(null);
/**
 * jsx/dom/context.js, as jsx/context.js imports it: the provider the DOM renderer (hono/jsx/dom, never
 * loaded here) would run. Made for every context, run by none; run anyway, it says so.
 */
export const createContextProviderFunction =
  (..._args: unknown[]) =>
  (..._props: unknown[]): never =>
    unavailable("hono/jsx's DOM renderer");
