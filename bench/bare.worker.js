// The yardstick: the API's own search and booking SQL through the same Neon driver, proxy and
// PgBouncer, in workerd, with nothing else: no Hono, no middleware, no limiter, no JWT, no
// validation. What this architecture costs at the least per request (bench/run.ts).
//
// GET /search?epci=<SIREN>: the search statement, whose text and parameter template come from
// BARE_SEARCH (built by bench/tasks.ts from the handler's own query builder). POST /book: the
// booking statement (BARE_BOOKING_SQL) with the parameters in the body, computed by the bench as
// the handler would. A Client per request, connected on the request and ended after the response,
// as src/db/client.ts does.
import { DurableObject } from 'cloudflare:workers';
import { Client, neonConfig } from '@neondatabase/serverless';

// wrangler.toml's Durable Object classes, unused here.
export class ZoneRateLimiter extends DurableObject {}
export class CallerRateLimiter extends DurableObject {}

let search;

function configure(env) {
  neonConfig.wsProxy = (host, port) => `${env.DB_PROXY}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  search = JSON.parse(env.BARE_SEARCH);
}

/** The template's parameters for this zone, its instants moved to now as the handler's are. */
function searchParams(epci) {
  const now = Date.now();
  return search.params.map((p) => ('zone' in p ? epci : 'offsetMs' in p ? new Date(now + p.offsetMs) : p.value));
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/health')
      return new Response('{"status":"ok"}', { headers: { 'content-type': 'application/json' } });
    if (!search) configure(env);
    let sql;
    let params;
    if (url.pathname === '/search') {
      sql = search.sql;
      params = searchParams(url.searchParams.get('epci'));
    } else if (url.pathname === '/book' && request.method === 'POST') {
      sql = env.BARE_BOOKING_SQL;
      params = (await request.json()).params;
    } else {
      return new Response('not found', { status: 404 });
    }
    const client = new Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const result = await client.query(sql, params);
      if (url.pathname === '/book') return new Response(null, { status: result.rowCount === 1 ? 201 : 409 });
      return new Response(JSON.stringify({ data: result.rows }), { headers: { 'content-type': 'application/json' } });
    } catch (error) {
      return new Response(String(error), { status: 503 });
    } finally {
      ctx.waitUntil(client.end().catch(() => undefined));
    }
  },
  queue() {},
  scheduled() {},
};
