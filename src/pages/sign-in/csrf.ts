// Cross-site request forgery protection for page forms, in two layers: the browser's Origin (or
// Sec-Fetch-Site) must be the pages' own origin (hono/csrf), and a signed-in person's POST must
// carry their session's token in the hidden field `csrf`. An anonymous POST acts for nobody, so
// only the origin check applies to it; the handler then sends the person to sign in.
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../app-env';
import { log } from '../../lib/log';
import { AUTH_PAGES, renderAuthPage } from './auth-page';

export const CSRF_FIELD = 'csrf';

/** The token a page puts in each form's hidden `csrf` input; undefined when nobody is signed in. */
export const csrfToken = (c: Context<AppEnv>): string | undefined => c.var.session?.csrf ?? undefined;

function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

const originCheck = csrf({
  origin: (origin, c) => origin === new URL((c as Context<AppEnv>).var.config().PUBLIC_URL).origin,
});

function refuse(c: Context<AppEnv>, reason: string) {
  log('warn', 'csrf_refused', { requestId: c.var.requestId, route: c.req.path, reason });
  return renderAuthPage(c, 403, AUTH_PAGES.forbidden);
}

/** For page routes, after readSession: refuses (403, French page) a forged or stale form. */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
  try {
    await originCheck(c, async () => {});
  } catch (error) {
    if (error instanceof HTTPException && error.status === 403) return refuse(c, 'origin');
    throw error;
  }
  const session = c.var.session;
  if (session) {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const sent = form[CSRF_FIELD];
    if (typeof sent !== 'string' || !sameToken(sent, session.csrf)) return refuse(c, 'token');
  }
  return next();
};
