// SMART Scheduling Links: GET /fhir/$bulk-publish (the manifest) and one NDJSON file per resource
// type and region (`extension.state`: its ISO 3166-2 code, then its INSEE code, which names the
// file). Open, no key; a budget of its own per address.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { createRequestDb } from '../../db/client';
import { publishedRegions } from '../../core/publication/publication.queries';
import { regionCode, regionIso, regionName } from '../../domain/regions';
import { log } from '../../lib/log';
import { problem, notFound } from '../../lib/problem';
import type { AppEnv } from '../../app-env';
import { addressKey } from '../../middleware/client-address';
import { allowed } from '../../middleware/reference-read';
import { fhirContext } from '../context';
import { ndjsonStream } from './ndjson-stream';
import { BULK_TYPES, sourceOf, type BulkType } from './sources';
import { cacheHeaders, notModified, versionOf, type Version } from './versioning';

const WINDOW_SECONDS = 60;

export const bulkRouter = new Hono<AppEnv>();

// Only the publication's own paths: this router is mounted at the FHIR base.
const bulkBudget: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limiter = c.env.BULK_RATE_LIMITER;
  if (!limiter) log('warn', 'rate_limiter_unavailable', { limiter: 'bulk', error: 'binding is not configured' });
  else if (c.var.config().RATE_LIMIT_ENABLED !== '0' && !(await allowed(limiter, addressKey(c), 'bulk'))) {
    throw problem('rate_limited', `This address has fetched the publication too often; retry in ${WINDOW_SECONDS} s.`, { headers: {
      'retry-after': String(WINDOW_SECONDS),
    } });
  }
  return next();
};
bulkRouter.use('/$bulk-publish', bulkBudget);
bulkRouter.use('/bulk/*', bulkBudget);

const notModifiedResponse = (version: Version) => new Response(null, { status: 304, headers: cacheHeaders(version) });

bulkRouter.get('/$bulk-publish', async (c) => {
  // `_since` is accepted and ignored, as the specification allows: every file is complete.
  const version = await versionOf(c, 'manifest');
  if (notModified(c, version)) return notModifiedResponse(version);
  const fhir = fhirContext(c);
  const regions = (await publishedRegions(c.var.db)).flatMap((name) => {
    const [code, iso] = [regionCode(name), regionIso(name)];
    return code && iso ? [{ code, iso }] : [];
  });
  const manifest = {
    transactionTime: version.lastModified.toISOString(),
    request: `${fhir.base}/$bulk-publish${new URL(c.req.url).search}`,
    output: BULK_TYPES.flatMap((type) => regions.map(({ code, iso }) => ({ type, url: `${fhir.base}/bulk/${type}/${code}.ndjson`, extension: { state: [iso, code] } }))),
    error: [],
  };
  return c.json(manifest, 200, cacheHeaders(version));
});

function fileOf(c: Context<AppEnv>): { type: BulkType; region: string } {
  const type = c.req.param('type') as BulkType;
  const code = /^(\d{2,3})\.ndjson$/.exec(c.req.param('file') ?? '')?.[1];
  const region = code && regionName(code);
  if (!BULK_TYPES.includes(type) || !region) throw notFound('File');
  return { type, region };
}

bulkRouter.get('/bulk/:type/:file', async (c) => {
  const { type, region } = fileOf(c);
  const version = await versionOf(c, `${type}/${region}`);
  if (notModified(c, version)) return notModifiedResponse(version);
  const db = createRequestDb(c.var.config, (error) => log('warn', 'db_pool_error', { requestId: c.var.requestId, error: error.message }));
  const body = ndjsonStream(db, sourceOf(type, region, version.window, fhirContext(c)));
  return new Response(body, { status: 200, headers: { 'content-type': 'application/fhir+ndjson', ...cacheHeaders(version) } });
});
