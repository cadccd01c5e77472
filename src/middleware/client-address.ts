import type { Context } from 'hono';
import type { AppEnv } from '../lib/types';

/** The client's address: Cloudflare sets cf-connecting-ip itself; x-forwarded-for only matters off Cloudflare (local dev). */
export function clientAddress(c: Context<AppEnv>): string {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  return c.req.header('cf-connecting-ip') ?? (forwarded || 'unknown');
}
