// Shared by the workerd tests: deps over the test D1, an admin token, and the publish API via SELF.
import { env, SELF } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { parseConfig } from '../../src/config';
import { type Db, DRIZZLE_OPTIONS } from '../../src/db/db';
import { createStore } from '../../src/db/store';
import type { Deps } from '../../src/services/deps';
import { createToken } from '../../src/services/tokens';

export function d1Deps(): Deps {
  return {
    store: createStore(drizzle(env.DB, DRIZZLE_OPTIONS) as unknown as Db),
    clock: () => Date.now(),
    config: parseConfig({}),
  };
}

export async function adminToken(name = 'workerd'): Promise<string> {
  return (await createToken({ deps: d1Deps(), input: { name, scopes: ['admin'] }, actor: null })).secret;
}

export function api(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`https://status.example.test/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** What every browser sends: pages are read the way visitors read them. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * GET (or HEAD) a public URL as a browser does: `Accept-Encoding: gzip, deflate, br`, and the body
 * decoded once. Inside workerd, fetch decodes a body the Worker marked as encoded
 * (`encodeBody: 'manual'`) by itself; bytes still in gzip are decoded here, once. A body that is gzip
 * after that one decoding was compressed twice: the test fails. (Only a real HTTP hop shows the runtime
 * compressing a body a second time: test/browser/worker-page.test.ts runs that under wrangler dev.)
 * The returned response keeps the original headers.
 */
export async function browse(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  const res = await SELF.fetch(`https://status.example.test${path}`, {
    method,
    headers: { 'Accept-Encoding': BROWSER_ACCEPT_ENCODING, ...headers },
  });
  const encoding = res.headers.get('content-encoding');
  if (res.body === null) return res;
  let bytes = new Uint8Array(await res.arrayBuffer());
  if (encoding !== null && encoding !== 'gzip') throw new Error(`unexpected Content-Encoding ${encoding}`);
  if (encoding === 'gzip' && isGzip(bytes)) {
    bytes = new Uint8Array(
      await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer(),
    );
  }
  if (isGzip(bytes)) throw new Error(`${path}: the body is still gzip after decoding (compressed twice)`);
  return new Response(bytes, { status: res.status, headers: res.headers });
}
