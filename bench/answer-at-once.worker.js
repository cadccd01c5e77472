// A worker that answers at once, run with the app's wrangler.toml (its Durable Object classes as
// stubs): what workerd and Miniflare's own layers (entry worker, static-asset router) cost per
// request, the floor under the app's own code (bench/profile.ts).
import { DurableObject } from 'cloudflare:workers';

export class ZoneRateLimiter extends DurableObject {}
export class CallerRateLimiter extends DurableObject {}

export default {
  fetch: () => new Response('{"status":"ok"}', { headers: { 'content-type': 'application/json' } }),
  queue() {},
  scheduled() {},
};
