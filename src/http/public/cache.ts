// The public render cache and HTTP caching: entries are keyed by route + query and valid for one
// data version (bumped by every write, from any process or isolate) until their time boundary,
// answered conditionally (ETag / Last-Modified -> 304), and served stale with a notice if the
// database cannot be read. A hit reads the data version once and sends prebuilt bytes with
// prebuilt headers: no hashing, no date formatting, no header objects built per request.
import type { Context } from 'hono';
import { DomainError } from '../../core/errors';
import { fnv1a } from '../../core/public/hash';
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
  /**
   * Gzipped on the first request that accepts it (every browser and CDN sends Accept-Encoding), then
   * kept: undefined until asked for, a promise while compressing, null when not worth it (small body).
   */
  gzip: { bytes: Uint8Array<ArrayBuffer>; headers: Headers } | Promise<unknown> | null | undefined;
}

const encoder = new TextEncoder();
/** Below this, gzip saves less than its header costs. */
const GZIP_MIN_BYTES = 1024;

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
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

/** The cache key: path and normalised query (a bare path costs no URL parsing). */
function cacheKey(c: Context<AppEnv>): string {
  const url = c.req.url;
  if (url.indexOf('?') < 0) return c.req.path;
  const parsed = new URL(url);
  return `${parsed.pathname}?${parsed.searchParams.toString()}`;
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
  const etag = `W/"${version.toString(36)}-${fnv1a(rendered.body)}"`;
  const base = baseHeaders(etag, rendered.lastModified);
  const bytes = encoder.encode(rendered.body);
  return {
    rendered,
    status: rendered.status ?? 200,
    version,
    etag,
    lastModifiedSecond: Math.floor(rendered.lastModified / 1000) * 1000,
    renderedAt,
    bytes,
    headers: { ...base, 'Content-Type': rendered.contentType },
    notModifiedHeaders: base,
    gzip: bytes.byteLength < GZIP_MIN_BYTES || typeof CompressionStream === 'undefined' ? null : undefined,
  };
}

function isNotModified(c: Context<AppEnv>, e: Entry): boolean {
  if (e.status !== 200) return false;
  // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
  const inm = requestHeader(c, 'if-none-match');
  if (inm !== undefined) return etagMatches(inm, e.etag);
  const ims = requestHeader(c, 'if-modified-since');
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && e.lastModifiedSecond <= since;
}

/** The stored response for this request: 304, gzip or identity; a promise only while gzip is first computed. */
function respond(c: Context<AppEnv>, e: Entry): Response | Promise<Response> {
  if (isNotModified(c, e)) return new Response(null, { status: 304, headers: e.notModifiedHeaders });
  const z = e.gzip;
  if (z !== null && acceptsGzip(requestHeader(c, 'accept-encoding'))) {
    if (z !== undefined && !(z instanceof Promise))
      return new Response(z.bytes, { status: e.status, headers: z.headers });
    return compressed(e).then(() => respond(c, e));
  }
  return new Response(e.bytes, { status: e.status, headers: e.headers });
}

/** Compresses an entry once; concurrent first requests share the work. */
function compressed(e: Entry): Promise<unknown> {
  if (e.gzip instanceof Promise) return e.gzip;
  const work = gzip(e.bytes).then(
    (bytes) => {
      e.gzip = { bytes, headers: { ...e.headers, 'Content-Encoding': 'gzip' } };
    },
    (err) => {
      console.error('[afterword] public page: gzip failed, serving identity:', err);
      e.gzip = null;
    },
  );
  e.gzip = work;
  return work;
}

export function createRenderCache(): RenderCache {
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
    return respond(c, entry);
  }

  function withVersion(
    c: Context<AppEnv>,
    render: () => Promise<Rendered>,
    key: string,
    cached: Entry | undefined,
    version: number,
  ): Response | Promise<Response> {
    const now = c.get('deps').clock();
    if (cached && cached.version === version && now < cached.rendered.validUntil) return respond(c, cached);
    return renderAndServe(c, render, key, cached, version, now);
  }

  return {
    size: () => entries.size,
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
