// The public render cache and HTTP caching: entries are keyed by route + query and valid for one
// data version (bumped by every write, from any process or isolate) until their time boundary,
// answered conditionally (ETag / Last-Modified -> 304), and served stale with a notice if the
// database cannot be read.
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

interface Entry extends Rendered {
  version: number;
  etag: string;
  renderedAt: number;
  /** The body encoded once, so a cache hit only copies bytes. */
  bytes: Uint8Array<ArrayBuffer>;
  /** Gzipped once at render time for clients that accept it (every browser and CDN); null for small bodies. */
  gzip: Uint8Array<ArrayBuffer> | null;
}

const encoder = new TextEncoder();

async function gzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer> | null> {
  if (bytes.byteLength < 1024 || typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function acceptsGzip(header: string | undefined): boolean {
  return header !== undefined && /\bgzip\b(?!\s*;\s*q=0(\.0*)?\b)/i.test(header);
}

export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60, stale-if-error=86400';
const MAX_ENTRIES = 500;

export interface RenderCache {
  serve(c: Context<AppEnv>, render: () => Promise<Rendered>): Promise<Response>;
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

function baseHeaders(e: Pick<Entry, 'etag' | 'lastModified'>): Record<string, string> {
  return {
    ETag: e.etag,
    'Last-Modified': httpDate(e.lastModified),
    'Cache-Control': PUBLIC_CACHE_CONTROL,
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
  };
}

/** The database failed and there is nothing stored to show: a 503, never a 500. */
function unavailable(err: unknown): DomainError {
  console.error('[afterword] public page: the database could not be read and no earlier render is stored:', err);
  return new DomainError(
    'service_unavailable',
    'The status page cannot reach its database right now. Try again shortly.',
  );
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

  function respond(c: Context<AppEnv>, e: Entry): Response {
    const headers = baseHeaders(e);
    const inm = c.req.header('If-None-Match');
    const ims = c.req.header('If-Modified-Since');
    // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
    const notModified =
      inm !== undefined
        ? etagMatches(inm, e.etag)
        : ims !== undefined &&
          !Number.isNaN(Date.parse(ims)) &&
          Math.floor(e.lastModified / 1000) * 1000 <= Date.parse(ims);
    if (notModified && (e.status ?? 200) === 200) return c.body(null, 304, headers);
    if (e.gzip && acceptsGzip(c.req.header('Accept-Encoding'))) {
      return c.body(e.gzip, e.status ?? 200, { ...headers, 'Content-Type': e.contentType, 'Content-Encoding': 'gzip' });
    }
    return c.body(e.bytes, e.status ?? 200, { ...headers, 'Content-Type': e.contentType });
  }

  function stale(c: Context<AppEnv>, e: Entry, err: unknown): Response {
    console.error(`[afterword] serving the stored ${c.req.path} render: the database could not be read:`, err);
    const renderedAt = new Date(e.renderedAt).toISOString();
    const body = e.contentType.startsWith('text/html') ? e.body.replace(NOTICE_SLOT, staleNotice(renderedAt)) : e.body;
    return c.body(body, e.status ?? 200, {
      ...baseHeaders(e),
      'Content-Type': e.contentType,
      // Short-lived: the next request should get fresh data as soon as the database answers.
      'Cache-Control': 'public, max-age=5, stale-if-error=86400',
      'Afterword-Stale': renderedAt,
    });
  }

  return {
    size: () => entries.size,
    async serve(c, render) {
      const deps = c.get('deps');
      const url = new URL(c.req.url);
      const key = `${url.pathname}?${url.searchParams.toString()}`;
      const cached = entries.get(key);
      let version: number;
      try {
        version = await deps.store.public.version();
      } catch (err) {
        if (cached) return stale(c, cached, err);
        throw unavailable(err);
      }
      const now = deps.clock();
      if (cached && cached.version === version && now < cached.validUntil) return respond(c, cached);
      let rendered: Rendered;
      try {
        rendered = await render();
      } catch (err) {
        if (err instanceof DomainError) throw err;
        if (cached) return stale(c, cached, err);
        throw unavailable(err);
      }
      const bytes = encoder.encode(rendered.body);
      const entry: Entry = {
        ...rendered,
        bytes,
        gzip: await gzip(bytes),
        version,
        renderedAt: now,
        etag: `W/"${version.toString(36)}-${fnv1a(rendered.body)}"`,
      };
      remember(key, entry);
      return respond(c, entry);
    },
  };
}
