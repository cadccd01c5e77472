// One way a page leaves the worker: HTML, French, with a Content-Security-Policy that admits only
// this origin's files (no inline script or style), and never stored by a shared cache.
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app-env';
import { PageFrameContext, type PageFrame } from './page-frame';

const directives = (formAction: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
  ].join('; ');

export const PAGE_CSP = directives("'self'");

/**
 * The sign-out form's answer redirects to the identity provider's sign-out page, and form-action
 * governs a form's redirects too: the configured providers' origins are admitted beside 'self'.
 */
const cspByConfig = new WeakMap<object, string>();
export function pageCsp(c: Context<AppEnv>): string {
  let config;
  try {
    config = c.var.config();
  } catch {
    return PAGE_CSP;
  }
  let csp = cspByConfig.get(config);
  if (!csp) {
    const origins = [config.FC_DISCOVERY_URL, config.PROCONNECT_DISCOVERY_URL, config.PSC_DISCOVERY_URL]
      .filter((u): u is string => !!u)
      .map((u) => new URL(u).origin);
    csp = directives(["'self'", ...new Set(origins)].join(' '));
    cspByConfig.set(config, csp);
  }
  return csp;
}

const PAGE_HEADERS = { 'content-language': 'fr', 'cache-control': 'private, no-cache' };

function frameOf(c: Context<AppEnv>): PageFrame {
  const session = c.var.session;
  let callCentre: string | null = null;
  try {
    callCentre = c.var.config().CALL_CENTRE_PHONE;
  } catch {
    // A misconfigured worker still answers its error page, without the number.
  }
  return { patient: session?.role === 'patient' ? { csrf: session.csrf } : null, callCentre };
}

/** Pages are synchronous components: the element becomes its HTML here, inside the page's frame. */
export function renderPage(c: Context<AppEnv>, page: JSX.Element, status: ContentfulStatusCode = 200): Response {
  const html = String(<PageFrameContext.Provider value={frameOf(c)}>{page}</PageFrameContext.Provider>);
  return c.html(`<!DOCTYPE html>${html}`, status, { ...PAGE_HEADERS, 'content-security-policy': pageCsp(c) });
}

/** Paths of the machine doors: never answered with a page, whatever the Accept header says. */
const API_PREFIXES = ['/v1/', '/fhir', '/openapi.json', '/problems', '/health', '/ready', '/docs'];

/** Whether an unknown path is a person's browser asking for a page (it sends Accept: text/html). */
export const wantsPage = (path: string, accept: string | undefined) =>
  (accept ?? '').includes('text/html') &&
  !API_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
