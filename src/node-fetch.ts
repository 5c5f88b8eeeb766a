// Node-only: the `fetch` port for webhooks, over node:http(s) with a DNS lookup that refuses internal
// addresses at connect time. A name that passed validation but resolves (or re-resolves, DNS
// rebinding) to loopback, RFC 1918, link-local, CGNAT, ULA or unspecified is never connected to.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isInternalAddress } from './core/targets';

class InternalTargetError extends Error {
  readonly code = 'AFTERWORD_INTERNAL_TARGET';
}

/** dns.lookup, refusing any answer that is an internal address. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 4);
    const list = addresses ?? [];
    if (list.length === 0 || list.some((a) => isInternalAddress(a.address))) {
      return callback(new InternalTargetError('refused: internal address'), '', 4);
    }
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    const first = list[0] as LookupAddress;
    return callback(null, first.address, first.family);
  });
};

/**
 * A minimal fetch for POSTing webhooks: no redirects followed, the body read into memory. IP literals
 * skip DNS, so they are checked here too (validation already refused them; this is the second look).
 */
export function nodeWebhookFetch(opts: { allowPrivate: boolean }): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!opts.allowPrivate && isInternalAddress(host)) {
        reject(new TypeError('fetch failed', { cause: new InternalTargetError('refused: internal address') }));
        return;
      }
      const headers = new Headers(init.headers);
      const body = typeof init.body === 'string' ? init.body : '';
      headers.set('content-length', String(Buffer.byteLength(body)));
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(headers.entries()),
          ...(opts.allowPrivate ? {} : { lookup: publicOnlyLookup }),
          signal: init.signal ?? undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 502;
            const nullBody = status === 204 || status === 205 || status === 304;
            resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', (err) => reject(new TypeError('fetch failed', { cause: err })));
      req.end(body);
    });
}
