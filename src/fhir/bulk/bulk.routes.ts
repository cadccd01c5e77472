// SMART Scheduling Links: GET /fhir/$bulk-publish (the manifest) and one NDJSON file per resource
// type and region (`extension.state`: its ISO 3166-2 code, then its INSEE code, which names the
// file), served from R2. Open, no key; a budget of its own per address.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { regionName } from '../../domain/regions';
import { log } from '../../lib/log';
import { problem, notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { addressKey } from '../../middleware/client-address';
import { allowed } from '../../middleware/reference-read';
import { BULK_TYPES, type BulkType } from './sources';
import { fileKey, MANIFEST_KEY } from './store';
import { cacheHeaders, MAX_AGE_SECONDS, notModified, versionOf } from './versioning';

const WINDOW_SECONDS = 60;

export const bulkRouter = new Hono<AppEnv>();

// Only the publication's own paths: this router is mounted at the FHIR base.
const bulkBudget: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limiter = c.env.BULK_RATE_LIMITER;
  if (!limiter) log('warn', 'rate_limiter_unavailable', { limiter: 'bulk', error: 'binding is not configured' });
  else if (c.var.config().RATE_LIMIT_ENABLED !== '0' && !(await allowed(limiter, addressKey(c), 'bulk'))) {
    throw problem('rate_limited', `This address has fetched the publication too often; retry in ${WINDOW_SECONDS} s.`, {
      headers: {
        'retry-after': String(WINDOW_SECONDS),
      },
    });
  }
  return next();
};
bulkRouter.use('/$bulk-publish', bulkBudget);
bulkRouter.use('/bulk/*', bulkBudget);

// Served from R2 as the 5-minute generation wrote them (generate.ts): the body is R2's stream, so
// memory does not depend on a file's size. Before the first generation (a fresh deploy), 503 with
// Retry-After until the next one: aggregators retry, and no request pays for a national read.
async function serve(c: Context<AppEnv>, key: string, contentType: string) {
  const bucket = c.env.BULK;
  if (!bucket) {
    log('error', 'misconfigured', { requestId: c.var.requestId, invalid: 'BULK: the bulk files bucket is not bound' });
    throw problem('misconfigured', 'The service is misconfigured; operators have been alerted.');
  }
  // A poll (a conditional request) reads the object's metadata only; its body only if it changed.
  const conditional = c.req.header('if-none-match') !== undefined || c.req.header('if-modified-since') !== undefined;
  const stored = conditional ? await bucket.head(key) : undefined;
  if (stored && notModified(c, versionOf(stored)))
    return new Response(null, { status: 304, headers: cacheHeaders(versionOf(stored)) });
  const object = stored === null ? null : await bucket.get(key);
  if (!object) {
    if (key !== MANIFEST_KEY && (await bucket.head(MANIFEST_KEY))) throw notFound('File');
    throw problem(
      'publication_pending',
      `The files are generated every ${MAX_AGE_SECONDS / 60} minutes; the first generation has not run yet.`,
      {
        headers: { 'retry-after': String(MAX_AGE_SECONDS) },
      },
    );
  }
  const version = versionOf(object);
  return new Response(object.body, {
    status: 200,
    headers: { 'content-type': contentType, 'content-length': String(object.size), ...cacheHeaders(version) },
  });
}

// `_since` is accepted and ignored, as the specification allows: every file is complete.
bulkRouter.get('/$bulk-publish', (c) => serve(c, MANIFEST_KEY, 'application/json'));

function fileOf(c: Context<AppEnv>): string {
  const type = c.req.param('type') as BulkType;
  const code = /^(\d{2,3})\.ndjson$/.exec(c.req.param('file') ?? '')?.[1];
  if (!BULK_TYPES.includes(type) || !code || !regionName(code)) throw notFound('File');
  return fileKey(type, code);
}

bulkRouter.get('/bulk/:type/:file', (c) => serve(c, fileOf(c), 'application/fhir+ndjson'));
