// The public render cache and HTTP caching: entries are keyed by route + the query parameters the
// route reads (cached-routes.ts) and valid for one data version (bumped by every write, from any
// process or isolate) until their time boundary, answered conditionally (ETag / Last-Modified -> 304),
// and served stale with a notice if the database cannot be read. A hit sends prebuilt bytes with
// prebuilt headers: no hashing, no date formatting, no header objects built per request.
// Bounded: at most `maxEntries` entries and `maxBytes` bytes, least recently used evicted first;
// 404s are never stored; each listed route keeps a pinned last good render that eviction never removes.
// On Workers the data version is read at most once per freshness interval per isolate, and renders
// are shared between isolates of a location through a SharedStore (the Cache API).
import type { Context } from 'hono';
import { DomainError } from '../../core/errors';
import { bodyHash } from '../../core/public/hash';
import type { AppEnv } from '../env';
import { CACHED_ROUTES } from './cached-routes';
import { NOTICE_SLOT, staleNotice } from './views/layout';

export interface Rendered {
  body: string;
  contentType: string;
  status?: 200 | 404;
  /** The newest change this body reflects (epoch ms). */
  lastModified: number;
  /** The body depends on the clock too (days roll, windows open): re-render from this instant on. */
  validUntil: number;
}

type Headers = Record<string, string>;

/**
 * A stored answer, ready to write as it is: a Node edge sends it with `res.writeHead(status, headers)`
 * and `res.end(body)`. The headers are the ones the app path sends, plus the Content-Length that
 * @hono/node-server adds there (so the two paths put the same header fields on the wire).
 */
export interface Hit {
  status: 200 | 304 | 404;
  headers: Readonly<Headers>;
  /** null for a 304. */
  body: Uint8Array<ArrayBuffer> | null;
  /** The app path's ResponseInit for the same answer (no Content-Length): a fetch-API edge (src/worker.ts) sends `new Response(body, init)`. */
  init: ResponseInit;
}

/** A request header by its lower-case name. */
export type HeaderReader = (name: string) => string | undefined;

/** What the data-version check and the time boundary need from the deps. */
export interface CacheDeps {
  store: { public: { version(): number | Promise<number> } };
  clock: () => number;
}

interface Entry {
  key: string;
  /** What this entry holds in memory (UTF-16 body string, encoded bytes, gzip bytes), in bytes. */
  size: number;
  rendered: Rendered;
  status: 200 | 404;
  version: number;
  etag: string;
  /** Last-Modified in whole seconds (epoch ms), as the header states it. */
  lastModifiedSecond: number;
  renderedAt: number;
  /** The body encoded once, with its response headers built once. */
  bytes: Uint8Array<ArrayBuffer>;
  headers: Headers;
  notModifiedHeaders: Headers;
  /** The same answers prebuilt for a Node edge (see Hit). */
  identityHit: Hit;
  notModifiedHit: Hit;
  /**
   * Gzipped on the first request that accepts it (every browser and CDN sends Accept-Encoding), then
   * kept: undefined until asked for, a promise while compressing, null when not worth it (small body).
   */
  gzip: { bytes: Uint8Array<ArrayBuffer>; headers: Headers; hit: Hit } | Promise<unknown> | null | undefined;
}

const encoder = new TextEncoder();
/** Below this, gzip saves less than its header costs. */
const GZIP_MIN_BYTES = 1024;

/** Gzips a body. The runtime's own (node:zlib on Node, 3-4x faster than the stream below) or the default. */
export type Gzip = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> | Promise<Uint8Array<ArrayBuffer>>;

/** The portable default: CompressionStream, which Workers and Node both have. */
async function streamGzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const GZIP_RE = /\bgzip\b(?!\s*;\s*q=0(\.0*)?\b)/i;
// Clients send the same Accept-Encoding on every request: remember the last answer.
let lastAcceptEncoding: string | undefined;
let lastAcceptsGzip = false;
function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  if (header !== lastAcceptEncoding) {
    lastAcceptEncoding = header;
    lastAcceptsGzip = GZIP_RE.test(header);
  }
  return lastAcceptsGzip;
}

/** How long a shared cache (a CDN in front, the Workers isolate) may answer without asking: the freshness bound. */
export const DEFAULT_FRESHNESS_SECONDS = 2;
export const DEFAULT_MAX_ENTRIES = 500;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Browsers keep a page for 30 s; shared caches (CDN, proxy) for the freshness interval (`s-maxage`,
 * and `CDN-Cache-Control` for CDNs that read it, RFC 9213), serving stale while revalidating and
 * for a day when the origin fails.
 */
export function cacheControl(freshnessSeconds: number): { 'Cache-Control': string; 'CDN-Cache-Control': string } {
  const f = Math.max(0, Math.floor(freshnessSeconds));
  return {
    'Cache-Control': `public, max-age=30, s-maxage=${f}, stale-while-revalidate=60, stale-if-error=86400`,
    'CDN-Cache-Control': `public, max-age=${f}, stale-while-revalidate=60, stale-if-error=86400`,
  };
}

/** Reads a freshness setting (`PUBLIC_FRESHNESS_SECONDS`): a number of seconds >= 0, else the default. */
export function parseFreshness(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_FRESHNESS_SECONDS;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_FRESHNESS_SECONDS;
}

/**
 * Renders shared between the instances of one location (on Workers: the Cache API, `caches.default`).
 * Keys carry the data version, so an entry never outlives the data it shows.
 */
export interface SharedStore {
  match(key: string): Promise<SharedRender | undefined>;
  /** `waitUntil` keeps the write alive after the response is sent. */
  put(key: string, value: SharedRender, waitUntil: (p: Promise<unknown>) => void): void;
}
export interface SharedRender {
  rendered: Rendered;
  renderedAt: number;
}

export interface RenderCache {
  serve(c: Context<AppEnv>, render: () => Promise<Rendered>): Response | Promise<Response>;
  /**
   * The stored answer for a GET or HEAD of this request target (path and query, as a Node request's
   * `url`), decided exactly as `serve` decides a hit (data version read now, time boundary, 304, gzip),
   * without the app: or null whenever `serve` would do anything else (nothing stored, outdated, the
   * version cannot be read or is asynchronous, gzip not computed yet, a target this cannot key safely).
   * The caller then hands the request to the app, which renders, compresses or serves stale.
   */
  peek(deps: CacheDeps, target: string, header: HeaderReader): Hit | null;
  /** Entries in the LRU (pinned renders not counted). */
  size(): number;
  /** Bytes the LRU holds (pinned renders not counted). */
  bytes(): number;
  /** A write went through this instance: read the data version again on the next request. */
  forgetVersion(): void;
}

function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  // Weak comparison (RFC 9110 §8.8.3.2): W/ prefixes are ignored.
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function baseHeaders(etag: string, lastModified: number, control: Headers): Headers {
  return {
    ETag: etag,
    'Last-Modified': httpDate(lastModified),
    ...control,
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
  };
}

type NodeIncoming = { incoming?: { headers: Record<string, string | string[] | undefined> } };

/**
 * A request header by its lower-case name. Under @hono/node-server the raw Node headers are read
 * directly: the fetch `Headers` object it otherwise builds per request costs more than a whole cache hit.
 */
function requestHeader(c: Context<AppEnv>, name: string): string | undefined {
  const incoming = (c.env as NodeIncoming | undefined)?.incoming;
  if (incoming !== undefined) {
    const v = incoming.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  return c.req.header(name);
}

/** Which query parameters each path reads (see cached-routes.ts). */
export type RouteParams = Readonly<Record<string, readonly string[]>>;

/** The key of a path with a query: the path plus the parameters it reads, first value each, in declared order. */
function keyOf(path: string, search: URLSearchParams, routes: RouteParams): string {
  const names = routes[path];
  if (names === undefined || names.length === 0) return path;
  let key = path;
  let sep = '?';
  for (const name of names) {
    const v = search.get(name);
    if (v === null) continue;
    key += `${sep}${encodeURIComponent(name)}=${encodeURIComponent(v)}`;
    sep = '&';
  }
  return key;
}

/** The cache key: path and the parameters it reads (a bare path costs no URL parsing). */
function cacheKey(c: Context<AppEnv>, routes: RouteParams): string {
  const url = c.req.url;
  if (url.indexOf('?') < 0) return c.req.path;
  const parsed = new URL(url);
  return keyOf(parsed.pathname, parsed.searchParams, routes);
}

/**
 * Paths whose key is the same whoever computes it: no percent-escapes, dot segments, empty segments
 * or characters a URL parser would rewrite, so the path as sent is the path the app routes and keys.
 */
const PLAIN_PATH = /^(?:\/[\w~-][\w.~-]*)*\/?$/;

/** The key `cacheKey` gives the same request, from a raw request target; null when not plain. */
function targetKey(target: string, routes: RouteParams): string | null {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (path.length === 0 || !PLAIN_PATH.test(path)) return null;
  if (q < 0) return path;
  return keyOf(path, new URL(target, 'http://localhost').searchParams, routes);
}

/** The database failed and there is nothing stored to show: a 503, never a 500. */
function unavailable(err: unknown): DomainError {
  console.error('[afterword] public page: the database could not be read and no earlier render is stored:', err);
  return new DomainError(
    'service_unavailable',
    'The status page cannot reach its database right now. Try again shortly.',
  );
}

function entryOf(key: string, rendered: Rendered, version: number, renderedAt: number, control: Headers): Entry {
  const bytes = encoder.encode(rendered.body);
  const etag = `W/"${version.toString(36)}-${bodyHash(bytes)}"`;
  const base = baseHeaders(etag, rendered.lastModified, control);
  const status = rendered.status ?? 200;
  const headers = { ...base, 'Content-Type': rendered.contentType };
  return {
    key,
    size: rendered.body.length * 2 + bytes.byteLength,
    rendered,
    status,
    version,
    etag,
    lastModifiedSecond: Math.floor(rendered.lastModified / 1000) * 1000,
    renderedAt,
    bytes,
    headers,
    notModifiedHeaders: base,
    identityHit: hitOf(status, headers, bytes),
    notModifiedHit: { status: 304, headers: base, body: null, init: { status: 304, headers: base } },
    gzip: bytes.byteLength < GZIP_MIN_BYTES || typeof CompressionStream === 'undefined' ? null : undefined,
  };
}

function hitOf(
  status: 200 | 404,
  headers: Headers,
  body: Uint8Array<ArrayBuffer>,
  init: ResponseInit = { status, headers },
): Hit {
  return { status, headers: { ...headers, 'Content-Length': String(body.byteLength) }, body, init };
}

function isNotModified(header: HeaderReader, e: Entry): boolean {
  if (e.status !== 200) return false;
  // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
  const inm = header('if-none-match');
  if (inm !== undefined) return etagMatches(inm, e.etag);
  const ims = header('if-modified-since');
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && e.lastModifiedSecond <= since;
}

/**
 * Which stored answer this request gets: 304, gzip or identity, or 'compress' when it accepts gzip
 * and the gzip is not computed yet. Both the app path and a runtime edge decide through this.
 */
function choose(header: HeaderReader, e: Entry): 'notModified' | 'gzip' | 'identity' | 'compress' {
  if (isNotModified(header, e)) return 'notModified';
  const z = e.gzip;
  if (z !== null && acceptsGzip(header('accept-encoding'))) {
    return z !== undefined && !(z instanceof Promise) ? 'gzip' : 'compress';
  }
  return 'identity';
}

/** The stored response for this request: 304, gzip or identity; a promise only while gzip is first computed. */
function respond(
  c: Context<AppEnv>,
  e: Entry,
  gzip: Gzip,
  grew: (e: Entry, bytes: number) => void,
  share = true,
): Response | Promise<Response> {
  switch (choose((name) => requestHeader(c, name), e)) {
    case 'notModified':
      return new Response(null, { status: 304, headers: e.notModifiedHeaders });
    case 'gzip': {
      const z = e.gzip as { bytes: Uint8Array<ArrayBuffer>; headers: Headers };
      // The bytes are gzip already: `encodeBody: 'manual'` tells the Workers runtime to send them as
      // they are (by default it applies the Content-Encoding itself, and browsers get gzip of gzip).
      // Node ignores the field.
      return new Response(z.bytes, { status: e.status, headers: z.headers, encodeBody: 'manual' });
    }
    case 'compress':
      return compressed(e, gzip, grew, share).then(() => respond(c, e, gzip, grew, share));
    case 'identity':
      return new Response(e.bytes, { status: e.status, headers: e.headers });
  }
}

/** The same decision for a runtime edge: the prebuilt Hit, or null while gzip is not computed yet. */
function hitFor(header: HeaderReader, e: Entry): Hit | null {
  switch (choose(header, e)) {
    case 'notModified':
      return e.notModifiedHit;
    case 'gzip':
      return (e.gzip as { hit: Hit }).hit;
    case 'compress':
      return null;
    case 'identity':
      return e.identityHit;
  }
}

/**
 * Compresses an entry once; concurrent first requests share the work (`share`), or each compresses
 * for itself and the first result is kept (Workers: see RenderCacheOptions.requestIo). `grew`
 * accounts the gzip bytes.
 */
function compressed(e: Entry, gzip: Gzip, grew: (e: Entry, bytes: number) => void, share = true): Promise<unknown> {
  if (e.gzip instanceof Promise) return e.gzip;
  const done = (bytes: Uint8Array<ArrayBuffer>) => {
    if (e.gzip !== undefined && !(e.gzip instanceof Promise)) return; // another request's came first
    const headers = { ...e.headers, 'Content-Encoding': 'gzip' };
    e.gzip = {
      bytes,
      headers,
      hit: hitOf(e.status, headers, bytes, { status: e.status, headers, encodeBody: 'manual' }),
    };
    e.size += bytes.byteLength;
    grew(e, bytes.byteLength);
  };
  const failed = (err: unknown) => {
    console.error('[afterword] public page: gzip failed, serving identity:', err);
    e.gzip = null;
  };
  let out: ReturnType<Gzip>;
  try {
    out = gzip(e.bytes);
  } catch (err) {
    failed(err);
    return Promise.resolve();
  }
  if (!(out instanceof Promise)) {
    done(out);
    return Promise.resolve();
  }
  const work = out.then(done, failed);
  if (share) e.gzip = work;
  return work;
}

function isCurrent(e: Entry | undefined, version: number, now: number): e is Entry {
  return e !== undefined && e.version === version && now < e.rendered.validUntil;
}

export interface RenderCacheOptions {
  /** How bodies are gzipped (default: CompressionStream). */
  gzip?: Gzip;
  /** LRU bounds (defaults 500 entries, 64 MiB); pinned renders come on top (one per listed route). */
  maxEntries?: number;
  maxBytes?: number;
  /** Which query parameters each path reads (default: CACHED_ROUTES). */
  routes?: RouteParams;
  /**
   * Read the data version at most once per this many seconds (0, the default: on every request, as the
   * Node edge needs: a write from the CLI in another process shows on the next request). Workers use
   * PUBLIC_FRESHNESS_SECONDS: D1 is read once per interval per isolate, not per page view.
   */
  versionTtlSeconds?: number;
  /** The freshness a shared cache in front may assume (`s-maxage`, `CDN-Cache-Control`; default 2 s). */
  freshnessSeconds?: number;
  /** Renders shared between instances (Workers: the Cache API). */
  shared?: SharedStore;
  /**
   * I/O belongs to the request that started it (Workers): the runtime cancels, as hung, a request
   * whose only pending work is another request's D1 read, and that read never settles when its own
   * request is cancelled (a client that hangs up). Then a request waits on another's version read or
   * render at most REQUEST_IO_PATIENCE_MS on its own timer before doing the work itself, and gzips
   * for itself instead of waiting.
   */
  requestIo?: boolean;
}

/** How long a request waits on another request's version read or render (requestIo) before doing it itself. */
const REQUEST_IO_PATIENCE_MS = 1000;

/** `shared`, or after `ms` (this request's own timer keeps it alive meanwhile) whatever `instead` gives. */
function patiently<T>(shared: Promise<T>, ms: number, instead: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  return Promise.race([shared, late]).then(
    (v) => {
      clearTimeout(timer);
      return v === 'late' ? instead() : (v as T);
    },
    (err) => {
      clearTimeout(timer);
      throw err;
    },
  );
}

function waitUntilOf(c: Context<AppEnv>): (p: Promise<unknown>) => void {
  return (p) => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      p.catch(() => {}); // no execution context (Node): the promise runs on by itself
    }
  };
}

export function createRenderCache(options: RenderCacheOptions = {}): RenderCache {
  const gzip = options.gzip ?? streamGzip;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const routes = options.routes ?? CACHED_ROUTES;
  const versionTtlMs = (options.versionTtlSeconds ?? 0) * 1000;
  const control = cacheControl(options.freshnessSeconds ?? DEFAULT_FRESHNESS_SECONDS);
  const shared = options.shared;
  const requestIo = options.requestIo === true;
  /** Least recently used first (a Map keeps insertion order; a hit moves its entry to the end). */
  const entries = new Map<string, Entry>();
  /** The last good (200) render of each listed route's bare path: never evicted, replaced by newer renders. */
  const pinned = new Map<string, Entry>();
  let totalBytes = 0;

  function evict() {
    while (entries.size > maxEntries || totalBytes > maxBytes) {
      const oldest = entries.values().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest.key);
      totalBytes -= oldest.size;
    }
  }

  function grew(e: Entry, bytes: number) {
    if (entries.get(e.key) !== e) return;
    totalBytes += bytes;
    evict();
  }

  function remember(entry: Entry) {
    const key = entry.key;
    const old = entries.get(key);
    if (old !== undefined) {
      entries.delete(key);
      totalBytes -= old.size;
    }
    entries.set(key, entry);
    totalBytes += entry.size;
    if (routes[key] !== undefined) pinned.set(key, entry);
    evict();
  }

  /** The stored entry for a key, marked as just used. */
  function lookup(key: string): Entry | undefined {
    const e = entries.get(key);
    if (e === undefined) return pinned.get(key);
    if (entries.size > 1) {
      entries.delete(key);
      entries.set(key, e);
    }
    return e;
  }

  // The data version as this instance knows it: read at most once per versionTtlMs (concurrent
  // requests share one read in flight). With a zero TTL, read on every request.
  let known: { version: number; at: number } | undefined;
  let reading: Promise<number> | undefined;
  function readVersion(deps: CacheDeps): number | Promise<number> {
    if (versionTtlMs <= 0) return deps.store.public.version();
    const now = deps.clock();
    if (known !== undefined && now >= known.at && now - known.at < versionTtlMs) return known.version;
    if (reading !== undefined)
      return requestIo ? patiently(reading, REQUEST_IO_PATIENCE_MS, async () => startRead(deps, now)) : reading;
    return startRead(deps, now);
  }
  function startRead(deps: CacheDeps, now: number): number | Promise<number> {
    const v = deps.store.public.version();
    if (typeof v === 'number') {
      known = { version: v, at: now };
      return v;
    }
    const p = v.then(
      (version) => {
        if (reading === p) {
          known = { version, at: now };
          reading = undefined;
        }
        return version;
      },
      (err) => {
        if (reading === p) reading = undefined;
        throw err;
      },
    );
    reading = p;
    return p;
  }

  function stale(c: Context<AppEnv>, e: Entry, err: unknown): Response {
    console.error(`[afterword] serving the stored ${c.req.path} render: the database could not be read:`, err);
    const renderedAt = new Date(e.renderedAt).toISOString();
    const { body: stored, contentType } = e.rendered;
    const body = contentType.startsWith('text/html') ? stored.replace(NOTICE_SLOT, staleNotice(renderedAt)) : stored;
    return new Response(body, {
      status: e.status,
      headers: {
        ...e.headers,
        // Short-lived: the next request should get fresh data as soon as the database answers.
        'Cache-Control': 'public, max-age=5, stale-if-error=86400',
        'CDN-Cache-Control': 'public, max-age=5, stale-if-error=86400',
        'Afterword-Stale': renderedAt,
      },
    });
  }

  const sharedKey = (key: string, version: number) => `${version.toString(36)}${key}`;

  /** Renders in flight, by key and version: concurrent misses of one page (a crowd after a write) share one render. */
  const pending = new Map<string, Promise<Entry>>();

  async function produce(
    c: Context<AppEnv>,
    render: () => Promise<Rendered>,
    key: string,
    version: number,
    now: number,
  ) {
    if (shared !== undefined) {
      // Another instance of this location may have rendered this version already.
      const found = await shared.match(sharedKey(key, version)).catch(() => undefined);
      if (found !== undefined && now < found.rendered.validUntil) {
        const entry = entryOf(key, found.rendered, version, found.renderedAt, control);
        remember(entry);
        return entry;
      }
    }
    const rendered = await render();
    const entry = entryOf(key, rendered, version, now, control);
    // A 404 (an unknown id) is answered but not stored: junk ids cannot fill the cache.
    if (entry.status === 200) {
      remember(entry);
      shared?.put(sharedKey(key, version), { rendered, renderedAt: now }, waitUntilOf(c));
    }
    return entry;
  }

  async function renderAndServe(
    c: Context<AppEnv>,
    render: () => Promise<Rendered>,
    key: string,
    cached: Entry | undefined,
    version: number,
    now: number,
  ): Promise<Response> {
    const id = `${version}:${key}`;
    const start = () => {
      const work = produce(c, render, key, version, now);
      pending.set(id, work);
      const done = () => {
        if (pending.get(id) === work) pending.delete(id);
      };
      work.then(done, done);
      return work;
    };
    const inFlight = pending.get(id);
    let entry: Entry;
    try {
      entry = await (inFlight === undefined
        ? start()
        : requestIo
          ? patiently(inFlight, REQUEST_IO_PATIENCE_MS, start)
          : inFlight);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      if (cached) return stale(c, cached, err);
      throw unavailable(err);
    }
    return respond(c, entry, gzip, grew, !requestIo);
  }

  function withVersion(
    c: Context<AppEnv>,
    render: () => Promise<Rendered>,
    key: string,
    cached: Entry | undefined,
    version: number,
  ): Response | Promise<Response> {
    const now = c.get('deps').clock();
    if (isCurrent(cached, version, now)) return respond(c, cached, gzip, grew, !requestIo);
    return renderAndServe(c, render, key, cached, version, now);
  }

  return {
    size: () => entries.size,
    bytes: () => totalBytes,
    forgetVersion() {
      known = undefined;
      reading = undefined;
    },
    peek(deps, target, header) {
      const key = targetKey(target, routes);
      if (key === null) return null;
      const cached = lookup(key);
      if (cached === undefined) return null;
      let version: number | Promise<number>;
      try {
        // Read per request, as serve does: a write from any process shows on the next request.
        version = readVersion(deps);
      } catch {
        return null; // the app serves the stored render with its stale notice (and logs why)
      }
      if (typeof version !== 'number') {
        version.catch(() => {}); // the app reads it again and handles a failure
        return null;
      }
      if (!isCurrent(cached, version, deps.clock())) return null;
      return hitFor(header, cached);
    },
    serve(c, render) {
      const key = cacheKey(c, routes);
      const cached = lookup(key);
      let version: number | Promise<number>;
      try {
        // The data version (a write from the CLI in another process shows on the next request; on
        // Workers, within the freshness interval). On better-sqlite3 the read is synchronous, and a
        // hit answers without a promise.
        version = readVersion(c.get('deps'));
      } catch (err) {
        if (cached) return stale(c, cached, err);
        throw unavailable(err);
      }
      if (typeof version === 'number') return withVersion(c, render, key, cached, version);
      return version.then(
        (v) => withVersion(c, render, key, cached, v),
        (err) => {
          if (cached) return stale(c, cached, err);
          throw unavailable(err);
        },
      );
    },
  };
}
