// One way a page leaves the worker: HTML, French, with a Content-Security-Policy that admits only
// this origin's files (no inline script or style), and never stored by a shared cache.
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../lib/types';

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-language': 'fr',
  'content-security-policy': PAGE_CSP,
  'cache-control': 'private, no-cache',
};

/** Pages are synchronous components: the element is already its HTML. */
export function renderPage(c: Context<AppEnv>, page: JSX.Element, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!DOCTYPE html>${String(page)}`, status, PAGE_HEADERS);
}

/** Paths of the machine doors: never answered with a page, whatever the Accept header says. */
const API_PREFIXES = ['/v1/', '/fhir', '/openapi.json', '/problems', '/health', '/ready', '/docs'];

/** Whether an unknown path is a person's browser asking for a page (it sends Accept: text/html). */
export const wantsPage = (path: string, accept: string | undefined) =>
  (accept ?? '').includes('text/html') && !API_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
