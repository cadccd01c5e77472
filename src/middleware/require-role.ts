// Deny by default: each route spreads `allow(...)` or `publicAccess` into its definition, which both
// guards it and documents who may call it (x-roles); a test checks that no route lacks it.
import type { MiddlewareHandler } from 'hono';
import { problem } from '../lib/problem';
import type { AppEnv } from '../app-env';
import type { Role } from '../domain/roles';

export function requireRole(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.get('caller');
    if (!caller) {
      throw problem('unauthorized', 'Send a bearer token.', { headers: { 'www-authenticate': 'Bearer' } });
    }
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

/** Anyone, no token needed (security: [] says so to generated clients and linters). */
export const publicAccess = { security: [] as Record<string, string[]>[], 'x-roles': ['public'] };

/** Anyone; a token is optional and, when sent, counts the caller in their own rate-limit bucket. */
export const publicWithOptionalToken = {
  security: [{}, { bearerAuth: [] }] as Record<string, string[]>[],
  'x-roles': ['public'],
};
