// Where an integrator's webhooks may be sent. In production: https to a public host on the default
// port, so that the API cannot be turned into a probe of private networks (SSRF). Development and
// tests also accept loopback (a local receiver), over http or https. Names are checked as written:
// Workers cannot resolve DNS before fetching, and Cloudflare's fetch reaches public addresses only.
import { problem } from './problem';

export type UrlMode = 'production' | 'development';

const MAX_LENGTH = 2000;
const BLOCKED_SUFFIXES = [
  '.localhost',
  '.local',
  '.internal',
  '.localdomain',
  '.home.arpa',
  '.lan',
  '.intranet',
  '.corp',
];

/** IPv4 ranges that are not public: this network, private, CGNAT, loopback, link-local, protocol, documentation, benchmark, multicast, reserved. */
const PRIVATE_V4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const v4Number = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

const isV4 = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

export function isPrivateV4(ip: string): boolean {
  const n = v4Number(ip);
  return PRIVATE_V4.some(
    ([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(v4Number(base) / 2 ** (32 - bits)),
  );
}

/** The 8 groups of an IPv6 address as the URL parser writes it (compressed, no embedded IPv4). */
function v6Groups(ip: string): number[] {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * Public IPv6 is global unicast (2000::/3) outside documentation (2001:db8::/32), Teredo (2001::/32)
 * and 6to4 (2002::/16), which can carry a private IPv4; loopback, ULA, link-local, mapped IPv4,
 * NAT64 and multicast all fall outside 2000::/3.
 */
export function isPrivateV6(ip: string): boolean {
  const [a, b] = v6Groups(ip);
  if (a < 0x2000 || a > 0x3fff) return true;
  return (a === 0x2001 && (b === 0x0db8 || b === 0)) || a === 0x2002;
}

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || (isV4(host) && host.startsWith('127.'));

/** Why a URL is refused (a problem with a webhook_url_* code), or the normalised URL. */
export function checkWebhookUrl(raw: string, mode: UrlMode): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw problem('webhook_url_invalid', 'The webhook URL is not an absolute URL.');
  }
  if (raw.length > MAX_LENGTH)
    throw problem('webhook_url_invalid', `A webhook URL is at most ${MAX_LENGTH} characters.`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw problem('webhook_url_not_https', 'A webhook URL is https.');
  if (url.username || url.password)
    throw problem('webhook_url_invalid', 'A webhook URL carries no user name or password.');
  if (url.hash) throw problem('webhook_url_invalid', 'A webhook URL has no fragment (#…).');
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (mode === 'development' && isLoopback(host)) return url.toString();
  if (url.protocol !== 'https:')
    throw problem(
      'webhook_url_not_https',
      'A webhook URL is https (http is accepted for loopback in development only).',
    );
  if (url.port && url.port !== '443')
    throw problem('webhook_url_not_public', 'A webhook URL uses the default https port (443).');
  const privateAddress = host.startsWith('[') ? isPrivateV6(host.slice(1, -1)) : isV4(host) && isPrivateV4(host);
  const privateName =
    !host.startsWith('[') &&
    !isV4(host) &&
    (host === 'localhost' || !host.includes('.') || BLOCKED_SUFFIXES.some((s) => host.endsWith(s)));
  if (privateAddress || privateName) {
    throw problem(
      'webhook_url_not_public',
      'A webhook URL names a public host: no private, loopback, link-local or local-network address or name.',
    );
  }
  return url.toString();
}
