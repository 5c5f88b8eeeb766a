// Outbound targets: which webhook URLs the server may POST to on a user's say. Pure. The WHATWG URL
// parser already folds every IPv4 spelling (2130706433, 0x7f.0.0.1, 127.1) into dotted form and IPv6
// into its compressed form, so the checks here judge canonical hosts; DNS answers are checked with
// `isInternalAddress` at connect time (Node), against rebinding.

export type TargetProblem = 'invalid_url' | 'scheme' | 'credentials' | 'internal';

export const TARGET_PROBLEM_TEXT: Record<TargetProblem, string> = {
  invalid_url: 'is not a valid URL',
  scheme: 'must be an http or https URL',
  credentials: 'must not carry a user name or password',
  internal: 'points to an internal address (loopback, private, link-local, CGNAT, ULA or unspecified)',
};

function ipv4Bytes(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function internalV4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return true;
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // CGNAT 100.64.0.0/10
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // 192.0.0.0/24 protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  );
}

/** Sixteen bytes of an IPv6 address in any textual form (`::1`, `::ffff:127.0.0.1`), or null. */
function ipv6Bytes(text: string): number[] | null {
  let host = text.replace(/^\[|\]$/g, '').toLowerCase();
  const zone = host.indexOf('%');
  if (zone >= 0) host = host.slice(0, zone);
  if (!host.includes(':')) return null;
  let tail: number[] = [];
  const lastColon = host.lastIndexOf(':');
  const v4 = ipv4Bytes(host.slice(lastColon + 1));
  if (v4) {
    tail = v4;
    host = `${host.slice(0, lastColon + 1)}0:0`;
  }
  const halves = host.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const missing = 8 - head.length - rest.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array(missing).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    const n = Number.parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function internalV6(b: number[]): boolean {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return true; // ::
  if (zeros(0, 15) && b[15] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 inside.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return internalV4(b.slice(12));
  if (zeros(0, 12)) return internalV4(b.slice(12));
  // NAT64 (64:ff9b::/96) carries an IPv4 address too.
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) return internalV4(b.slice(12));
  const first = b[0] ?? 0;
  if ((first & 0xfe) === 0xfc) return true; // ULA fc00::/7
  if (first === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80) return true; // link-local fe80::/10
  if (first === 0xfe && ((b[1] ?? 0) & 0xc0) === 0xc0) return true; // site-local fec0::/10
  if (first === 0xff) return true; // multicast
  return false;
}

/** True for an IP address (v4 or v6, any textual form) the server must never send to. */
export function isInternalAddress(address: string): boolean {
  const v4 = ipv4Bytes(address);
  if (v4) return internalV4(v4);
  const v6 = ipv6Bytes(address);
  if (v6) return internalV6(v6);
  return false;
}

/** True when `address` is an IP literal at all (so no DNS lookup is involved). */
export function isIpLiteral(address: string): boolean {
  return ipv4Bytes(address) !== null || ipv6Bytes(address) !== null;
}

/** Host names that always mean this machine or its private network, whatever DNS says. */
function internalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h.endsWith('.local') ||
    h.endsWith('.internal') ||
    h.endsWith('.home.arpa') ||
    !h.includes('.')
  );
}

/**
 * Judges a webhook or Slack target: http(s), no credentials, and (unless `allowPrivate`, for local
 * development and tests) not an internal address or name. Returns the problem, or null when fine.
 */
export function targetProblem(url: string, allowPrivate: boolean): TargetProblem | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'invalid_url';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'scheme';
  if (u.username !== '' || u.password !== '') return 'credentials';
  if (allowPrivate) return null;
  const host = u.hostname;
  if (isIpLiteral(host)) return isInternalAddress(host) ? 'internal' : null;
  return internalName(host) ? 'internal' : null;
}

/** Only scheme and host (and port): webhook paths are often credentials themselves (Slack's are). */
export function targetOrigin(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.host}` : '(invalid URL)';
  } catch {
    return '(invalid URL)';
  }
}
