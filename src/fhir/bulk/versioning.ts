// Conditional requests for the publication. Its version is what it is computed from
// (publicationVersion), never the clock: ETag and Last-Modified move only when a file would read
// differently, so a client polling every few minutes gets 304 while nothing moves.
import type { Context } from 'hono';
import { publicationVersion, type Window } from '../../core/publication/publication.queries';
import { sha256Hex } from '../../domain/hash';
import type { AppEnv } from '../../app-env';

export interface Version { window: Window; etag: string; lastModified: Date }

const DAY = 86_400_000;

export async function versionOf(c: Context<AppEnv>, what: string): Promise<Version> {
  const config = c.var.config();
  const span = config.BULK_SLOT_DAYS * DAY;
  const window = { from: c.var.now, to: new Date(c.var.now.getTime() + span) };
  const v = await publicationVersion(c.var.db, window);
  const parts = [v, config.BULK_SLOT_DAYS, config.PUBLIC_URL, config.CALL_CENTRE_PHONE, what];
  // When each part last changed the files; a slot entered the window `span` before it starts.
  const instants = [v.changed_at, v.last_hold, v.last_lapse, v.last_start, v.last_site].map((t) => (t === null ? 0 : Date.parse(t)));
  if (v.last_entry !== null) instants.push(Date.parse(v.last_entry) - span);
  // HTTP dates have whole seconds: a change within the second must not compare as older.
  const lastModified = new Date(Math.ceil(Math.max(0, ...instants) / 1000) * 1000);
  return { window, etag: `"${(await sha256Hex(JSON.stringify(parts))).slice(0, 32)}"`, lastModified };
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
