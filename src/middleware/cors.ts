// CORS for browser-based partner apps: only origins listed in CORS_ORIGINS get CORS headers, and a
// preflight answer; any other origin gets nothing, so the browser keeps the response from it.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { configOf } from '../env';
import type { AppEnv } from '../app-env';

const policy = cors({
  origin: (origin) => origin,
  // PATCH: cancelling a FHIR Appointment; If-Match: only if it is the version read.
  allowMethods: ['GET', 'POST', 'DELETE', 'PATCH'],
  allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language', 'If-None-Match', 'If-Match'],
  exposeHeaders: [
    'RateLimit',
    'RateLimit-Policy',
    'Retry-After',
    'Idempotent-Replayed',
    'X-Request-Id',
    'Location',
    'Content-Language',
    'ETag',
  ],
  maxAge: 600,
});

/** A broken configuration admits no origin here; the routes that need configuration report it. */
function allowedOrigins(c: Parameters<MiddlewareHandler<AppEnv>>[0]): readonly string[] {
  try {
    return configOf(c.env).CORS_ORIGINS;
  } catch {
    return [];
  }
}

export const corsForPartners: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('origin');
  if (origin && allowedOrigins(c).includes(origin)) return policy(c, next);
  await next();
  // The answer depends on Origin: caches must not hand one origin's answer to another.
  c.header('Vary', 'Origin', { append: true });
};
