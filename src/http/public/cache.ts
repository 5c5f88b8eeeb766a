// The public render cache and HTTP caching: entries are keyed by route + query and valid for one
// data version (bumped by every write, from any process or isolate) until their time boundary,
// answered conditionally (ETag / Last-Modified -> 304), and served stale with a notice if the
// database cannot be read. A hit reads the data version once and sends prebuilt bytes with
// prebuilt headers: no hashing, no date formatting, no header objects built per request.
import type { Context } from 'hono';
import { DomainError } from '../../core/errors';
import { bodyHash } from '../../core/public/hash';
import type { AppEnv } from '../env';
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
}

/** A request header by its lower-case name. */
export type HeaderReader = (name: string) => string | undefined;

/** What the data-version check and the time boundary need from the deps. */
export interface CacheDeps {
  store: { public: { version(): number | Promise<number> } };
  clock: () => number;
}

interface Entry {
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

export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60, stale-if-error=86400';
const MAX_ENTRIES = 500;

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
  size(): number;
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

function baseHeaders(etag: string, lastModified: number): Headers {
  return {
    ETag: etag,
    'Last-Modified': httpDate(lastModified),
    'Cache-Control': PUBLIC_CACHE_CONTROL,
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

/** The cache key of a URL with a query: its path and normalised query. */
function keyWithQuery(url: string, base?: string): string {
  const parsed = new URL(url, base);
  return `${parsed.pathname}?${parsed.searchParams.toString()}`;
}

/** The cache key: path and normalised query (a bare path costs no URL parsing). */
function cacheKey(c: Context<AppEnv>): string {
  const url = c.req.url;
  if (url.indexOf('?') < 0) return c.req.path;
  return keyWithQuery(url);
}

/**
 * Paths whose key is the same whoever computes it: no percent-escapes, dot segments, empty segments
 * or characters a URL parser would rewrite, so the path as sent is the path the app routes and keys.
 */
const PLAIN_PATH = /^(?:\/[\w~-][\w.~-]*)*\/?$/;

/** The key `cacheKey` gives the same request, from a raw request target; null when not plain. */
function targetKey(target: string): string | null {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (path.length === 0 || !PLAIN_PATH.test(path)) return null;
  return q < 0 ? path : keyWithQuery(target, 'http://localhost');
}

/** The database failed and there is nothing stored to show: a 503, never a 500. */
function unavailable(err: unknown): DomainError {
  console.error('[afterword] public page: the database could not be read and no earlier render is stored:', err);
  return new DomainError(
    'service_unavailable',
    'The status page cannot reach its database right now. Try again shortly.',
  );
}

function entryOf(rendered: Rendered, version: number, renderedAt: number): Entry {
  const bytes = encoder.encode(rendered.body);
  const etag = `W/"${version.toString(36)}-${bodyHash(bytes)}"`;
  const base = baseHeaders(etag, rendered.lastModified);
  const status = rendered.status ?? 200;
  const headers = { ...base, 'Content-Type': rendered.contentType };
  return {
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
    notModifiedHit: { status: 304, headers: base, body: null },
    gzip: bytes.byteLength < GZIP_MIN_BYTES || typeof CompressionStream === 'undefined' ? null : undefined,
  };
}

function hitOf(status: 200 | 404, headers: Headers, body: Uint8Array<ArrayBuffer>): Hit {
  return { status, headers: { ...headers, 'Content-Length': String(body.byteLength) }, body };
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
function respond(c: Context<AppEnv>, e: Entry, gzip: Gzip): Response | Promise<Response> {
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
      return compressed(e, gzip).then(() => respond(c, e, gzip));
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

/** Compresses an entry once; concurrent first requests share the work. */
function compressed(e: Entry, gzip: Gzip): Promise<unknown> {
  if (e.gzip instanceof Promise) return e.gzip;
  const done = (bytes: Uint8Array<ArrayBuffer>) => {
    const headers = { ...e.headers, 'Content-Encoding': 'gzip' };
    e.gzip = { bytes, headers, hit: hitOf(e.status, headers, bytes) };
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
  e.gzip = work;
  return work;
}

function isCurrent(e: Entry | undefined, version: number, now: number): e is Entry {
  return e !== undefined && e.version === version && now < e.rendered.validUntil;
}

export interface RenderCacheOptions {
  /** How bodies are gzipped (default: CompressionStream). */
  gzip?: Gzip;
}

export function createRenderCache(options: RenderCacheOptions = {}): RenderCache {
  const gzip = options.gzip ?? streamGzip;
  const entries = new Map<string, Entry>();

  function remember(key: string, entry: Entry) {
    entries.delete(key);
    entries.set(key, entry);
    // Oldest insertion first: a bounded cache cannot be grown without limit by crawling ?query variants.
    if (entries.size > MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
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
        'Afterword-Stale': renderedAt,
      },
    });
  }

  async function renderAndServe(
    c: Context<AppEnv>,
    render: () => Promise<Rendered>,
    key: string,
    cached: Entry | undefined,
    version: number,
    now: number,
  ): Promise<Response> {
    let rendered: Rendered;
    try {
      rendered = await render();
    } catch (err) {
      if (err instanceof DomainError) throw err;
      if (cached) return stale(c, cached, err);
      throw unavailable(err);
    }
    const entry = entryOf(rendered, version, now);
    remember(key, entry);
    return respond(c, entry, gzip);
  }

  function withVersion(
    c: Context<AppEnv>,
    render: () => Promise<Rendered>,
    key: string,
    cached: Entry | undefined,
    version: number,
  ): Response | Promise<Response> {
    const now = c.get('deps').clock();
    if (isCurrent(cached, version, now)) return respond(c, cached, gzip);
    return renderAndServe(c, render, key, cached, version, now);
  }

  return {
    size: () => entries.size,
    peek(deps, target, header) {
      const key = targetKey(target);
      if (key === null) return null;
      const cached = entries.get(key);
      if (cached === undefined) return null;
      let version: number | Promise<number>;
      try {
        // Read per request, as serve does: a write from any process shows on the next request.
        version = deps.store.public.version();
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
      const key = cacheKey(c);
      const cached = entries.get(key);
      let version: number | Promise<number>;
      try {
        // Every request reads the data version (a write from the CLI in another process shows on the next request).
        // On better-sqlite3 the read is synchronous, and a hit answers without a promise.
        version = c.get('deps').store.public.version();
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
