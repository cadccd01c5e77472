// Deny by default: each route spreads `allow(...)` or `publicAccess` into its definition, which both
// guards it and documents who may call it (x-roles); a test checks that no route lacks it.
import type { Context, MiddlewareHandler } from 'hono';
import { problem } from '../domain/problem';
import type { AppEnv } from '../app-env';
import type { Caller, CallerOf } from '../domain/caller';
import type { Role } from '../domain/roles';

/** The refusal of a request that names no caller where one is required. */
const noCaller = () => problem('unauthorized', 'Send a bearer token.', { headers: { 'www-authenticate': 'Bearer' } });

export function requireRole(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    if (!caller) throw noCaller();
    if (!roles.includes(caller.role)) {
      throw problem('forbidden', `This operation is for: ${roles.join(', ')}.`);
    }
    // National is never a default: an ARS caller that names no region may do nothing.
    if (caller.role === 'admin' && !caller.scope) {
      throw problem('region_scope_missing', 'Admin tokens carry a `regions` claim: INSEE region codes, or "national".');
    }
    return next();
  };
}

export const allow = (...roles: Role[]) => ({
  middleware: [requireRole(roles)],
  security: [{ bearerAuth: [] }],
  'x-roles': roles,
});

/**
 * The caller of a route that `allow` (or a page space) guards, which always has one: reached without
 * one, through a wiring mistake, the request is refused as allow() would refuse it, never served.
 */
export function callerOf(c: Context<AppEnv>): Caller {
  const caller = c.get('caller');
  if (!caller) throw noCaller();
  return caller;
}

/**
 * The caller of a route that `allow` (or a page space) limits to `role`, typed as such: a doctor with
 * their RPPS number, an integrator with its client_id. Any other caller is refused as allow() would.
 */
export function callerAs<R extends Role>(c: Context<AppEnv>, role: R): CallerOf<R> {
  const caller = callerOf(c);
  if (caller.role !== role) throw problem('forbidden', `This operation is for: ${role}.`);
  return caller as CallerOf<R>;
}

/** Anyone, no token needed (security: [] says so to generated clients and linters). */
export const publicAccess = { security: [] as Record<string, string[]>[], 'x-roles': ['public'] };

/** Anyone; a token is optional and, when sent, counts the caller in their own rate-limit bucket. */
export const publicWithOptionalToken = {
  security: [{}, { bearerAuth: [] }] as Record<string, string[]>[],
  'x-roles': ['public'],
};
