// The Node request listener (what `npm start` serves, and what the page bench drives): public cache
// hits are answered right here, at the edge, from the render cache's prebuilt bytes and headers;
// everything else goes through the Hono app. A hit skips Hono's routing and middleware and the
// @hono/node-server Request/Response adaptation, which together cost about as much as the hit itself.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from './http/create-app';
import { createRenderCache, parseFreshness } from './http/public/cache';
import type { Deps } from './services/deps';

/** Hosts the app would take as they are; any other goes to the app, which validates it (400 if invalid). */
const PLAIN_HOST = /^[A-Za-z0-9._-]+(?::\d{1,5})?$/;

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The data version as the edge reads it: at most once per turn of the event loop. Requests that are
 * read in the same turn (a crowd on keep-alive connections arrives in batches) share one read, instead
 * of each paying SQLite's read-transaction start (about 5 µs of locking system calls, a quarter of a
 * cache hit). Every request of a turn was ready before the turn began, so each still sees every write
 * committed before it was sent, from this process or any other: a write shows on the next request, as
 * before. (The exception: a request pipelined behind another on one connection and sent after the read
 * can get the previous version for that turn; browsers and CDNs do not pipeline.) The app path (renders,
 * misses) reads the version itself, uncached.
 */
export function versionPerTurn(read: () => number | Promise<number>): () => number | Promise<number> {
  let memo: number | undefined;
  const forget = () => {
    memo = undefined;
  };
  return () => {
    if (memo !== undefined) return memo;
    const v = read();
    if (typeof v === 'number') {
      memo = v;
      setImmediate(forget);
    }
    return v;
  };
}

/** Gzip by node:zlib: the same bytes as CompressionStream (level 6), in about a third of the time. */
export function nodeGzip(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  // Copied out of the Buffer: a small result may be a view into Node's shared allocation pool.
  return new Uint8Array(gzipSync(bytes));
}

/**
 * The app as Node serves it: its render cache gzips with node:zlib, and files come from ./public.
 * Node reads the data version per event-loop turn (a write shows on the next request); the freshness
 * setting (PUBLIC_FRESHNESS_SECONDS, default 2) only tells a CDN or proxy in front how long it may
 * keep a page (`s-maxage`, `CDN-Cache-Control`), so a crowd reaches Node once per interval per cache.
 */
export function createNodeApp(deps: Deps, freshnessSeconds = parseFreshness(process.env.PUBLIC_FRESHNESS_SECONDS)) {
  const cache = createRenderCache({ gzip: nodeGzip, freshnessSeconds });
  const app = createApp(deps, { renderCache: cache });
  // The problem-type pages are built to public/problems/<code>.html; /problems/<code> is their address,
  // as Workers' assets serve it (an .html file answers for its name without the extension).
  app.get('/problems/:code{[a-z_]+}', serveStatic({ root: './public', rewriteRequestPath: (p) => `${p}.html` }));
  app.use('/*', serveStatic({ root: './public' }));
  return { app, cache };
}

export function nodeListener(deps: Deps): NodeListener {
  const { app, cache } = createNodeApp(deps);
  const edgeDeps = {
    clock: deps.clock,
    store: { public: { version: versionPerTurn(() => deps.store.public.version()) } },
  };
  const viaApp = getRequestListener(app.fetch);

  return function afterword(req, res) {
    const method = req.method;
    const headers = req.headers;
    const host = headers.host;
    if (
      (method === 'GET' || method === 'HEAD') &&
      req.url !== undefined &&
      host !== undefined &&
      PLAIN_HOST.test(host)
    ) {
      const hit = cache.peek(edgeDeps, req.url, (name) => {
        const v = headers[name];
        return Array.isArray(v) ? v.join(', ') : v;
      });
      if (hit !== null) {
        res.writeHead(hit.status, hit.headers);
        // HEAD: the GET's header fields, Content-Length included, and no body (Node sends none for HEAD anyway).
        if (hit.body === null || method === 'HEAD') res.end();
        else res.end(hit.body);
        return;
      }
    }
    void viaApp(req, res);
  };
}

/** The HTTP server `npm start` runs (and the page bench drives): the listener above, with its timeouts. */
export function createNodeServer(deps: Deps): Server {
  const server = createServer(nodeListener(deps));
  // Idle keep-alive sockets outlive the clients' and proxies' (undici 4 s, load balancers 60 s), so a
  // client never reuses a socket the server is closing at that very moment.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
