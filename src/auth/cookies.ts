// The pages' cookies: HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET, which
// Lax lets through), Secure with the __Host- prefix except on a plain-http local origin.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { EnvVars } from '../env';

export type CookieKind = 'session' | 'sign-in' | 'draft';

const secureOf = (config: EnvVars) => config.ENVIRONMENT === 'production' || config.PUBLIC_URL.startsWith('https:');

const nameOf = (config: EnvVars, kind: CookieKind) => (secureOf(config) ? `__Host-${kind}` : kind);

export const readCookie = (c: Context, config: EnvVars, kind: CookieKind): string | undefined =>
  getCookie(c, nameOf(config, kind));

/** No Max-Age: the browser drops it when closed (shared computers); the sealed value carries its own expiry. */
export function writeCookie(c: Context, config: EnvVars, kind: CookieKind, value: string) {
  setCookie(c, nameOf(config, kind), value, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secureOf(config) });
}

export function clearCookie(c: Context, config: EnvVars, kind: CookieKind) {
  deleteCookie(c, nameOf(config, kind), { path: '/', httpOnly: true, sameSite: 'Lax', secure: secureOf(config) });
}
