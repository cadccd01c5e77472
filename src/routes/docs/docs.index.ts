// The API reference at /docs, rendered by Scalar from /openapi.json. Its script is served by this
// deployment (public/docs/scalar.js, copied from @scalar/api-reference by `npm run docs:assets`),
// never from a third-party CDN.
import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import { problem } from '../../domain/problem';
import type { AppEnv } from '../../app-env';

export const SCALAR_SCRIPT = '/docs/scalar.js';

export const docsRouter = new Hono<AppEnv>()
  .get(
    '/docs',
    Scalar({
      url: '/openapi.json',
      cdn: SCALAR_SCRIPT,
      pageTitle: 'Un médecin près de chez vous — API',
      withDefaultFonts: false,
    }),
  )
  // On Cloudflare the assets layer answers this path before the Worker runs; hosts without it
  // (tests, Miniflare runners) reach the same file through the ASSETS binding.
  .get(SCALAR_SCRIPT, (c) => {
    if (!c.env.ASSETS) throw problem('not_found', 'The documentation script is not deployed here.');
    return c.env.ASSETS.fetch(c.req.raw);
  });
