// Conditional requests for the publication. Its version is what it is computed from: the outbox's
// latest change, the holds, the sites, and `asOf` — the minute it is computed at, which accounts
// for slots that start and holds that lapse (statuses are evaluated at that minute).
import type { Context } from 'hono';
import { publicationVersion } from '../../core/publication/publication.queries';
import { sha256Hex } from '../../lib/hash';
import type { AppEnv } from '../../lib/types';

export interface Version { asOf: Date; etag: string; lastModified: Date }

const MINUTE = 60_000;

export async function versionOf(c: Context<AppEnv>, what: string): Promise<Version> {
  const asOf = new Date(Math.floor(c.var.now.getTime() / MINUTE) * MINUTE);
  const v = await publicationVersion(c.var.db.db);
  const config = c.var.config();
  const parts = [asOf.toISOString(), v.changed_at, v.holds, v.last_hold, v.sites, config.BULK_SLOT_DAYS, config.PUBLIC_URL, config.CALL_CENTRE_PHONE, what];
  const latest = Math.max(asOf.getTime(), ...[v.changed_at, v.last_hold].filter((t) => t !== null).map((t) => Date.parse(t!)));
  // HTTP dates have whole seconds: a change within the second must not compare as older.
  const lastModified = new Date(Math.ceil(latest / 1000) * 1000);
  return { asOf, etag: `"${(await sha256Hex(JSON.stringify(parts))).slice(0, 32)}"`, lastModified };
}

/** RFC 9110 §13.1: If-None-Match decides when present; If-Modified-Since only otherwise. */
export function notModified(c: Context<AppEnv>, version: Version): boolean {
  const noneMatch = c.req.header('if-none-match');
  if (noneMatch !== undefined) return noneMatch.split(',').some((tag) => tag.trim() === version.etag || tag.trim() === '*' || tag.trim() === `W/${version.etag}`);
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  return !Number.isNaN(since) && version.lastModified.getTime() <= since;
}

export function cacheHeaders(version: Version): Record<string, string> {
  return { etag: version.etag, 'last-modified': version.lastModified.toUTCString(), 'cache-control': 'public, max-age=300' };
}
