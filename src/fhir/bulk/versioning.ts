// Conditional requests for the publication, from the stored object: R2's ETag, and as Last-Modified
// the time of the generation that wrote it (the manifest's transactionTime), kept with the object.
// A file is rewritten only when its bytes change (generate.ts), so both move only with the data.
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';

/** Files are generated every 5 minutes (wrangler.toml's crons): a cached copy is never older than the next generation. */
export const MAX_AGE_SECONDS = 300;

export interface Version {
  etag: string;
  lastModified: Date;
}

/** HTTP dates have whole seconds: compare what the client was sent. */
export function versionOf(object: R2Object): Version {
  const generated = Date.parse(object.customMetadata?.generatedAt ?? '');
  const at = Number.isNaN(generated) ? object.uploaded.getTime() : generated;
  return { etag: object.httpEtag, lastModified: new Date(Math.floor(at / 1000) * 1000) };
}

/** RFC 9110 §13.1: If-None-Match decides when present; If-Modified-Since only otherwise. */
export function notModified(c: Context<AppEnv>, version: Version): boolean {
  const noneMatch = c.req.header('if-none-match');
  if (noneMatch !== undefined)
    return noneMatch
      .split(',')
      .some((tag) => tag.trim() === version.etag || tag.trim() === '*' || tag.trim() === `W/${version.etag}`);
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  return !Number.isNaN(since) && version.lastModified.getTime() <= since;
}

export function cacheHeaders(version: Version): Record<string, string> {
  return {
    etag: version.etag,
    'last-modified': version.lastModified.toUTCString(),
    'cache-control': `public, max-age=${MAX_AGE_SECONDS}`,
  };
}
