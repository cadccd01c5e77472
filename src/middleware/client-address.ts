import ipaddr from 'ipaddr.js';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';

/** The client's address: Cloudflare sets cf-connecting-ip itself; x-forwarded-for only matters off Cloudflare (local dev). */
export function clientAddress(c: Context<AppEnv>): string {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  return c.req.header('cf-connecting-ip') ?? (forwarded || 'unknown');
}

/**
 * What an anonymous caller's budgets are counted under: its IPv4 address, or its IPv6 address's /64.
 * A subscriber is given a whole /64 and could take a fresh address for every request.
 */
export function addressKey(c: Context<AppEnv>): string {
  const address = clientAddress(c);
  // Only off Cloudflare can this be anything but an address (a forwarded header typed by anyone).
  if (!ipaddr.isValid(address)) return `ip:${address.slice(0, 64)}`;
  // An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is that IPv4 address.
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return `ip:${ip.toString()}`;
  return `ip:${new ipaddr.IPv6([...(ip as ipaddr.IPv6).parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
