// The signed-in person as the Caller the core operations take: the pages act with the same
// object-level rules as the API's tokens for that role.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { problem } from '../domain/problem';
import type { Caller } from '../domain/caller';
import { providerSubPrefix } from './providers';
import type { Session } from './session';

export function sessionCaller(session: Session): Caller {
  const sub = `${providerSubPrefix(session.provider)}${session.sub}`;
  if (session.role === 'doctor') {
    // Pro Santé Connect's sign-in always records it; a session without it is not a doctor's.
    if (!session.rpps) throw problem('unauthorized', 'This session carries no RPPS number: sign in again.');
    return {
      role: 'doctor',
      sub,
      rpps: session.rpps,
      name: { givenName: session.givenName, familyName: session.familyName },
    };
  }
  return { role: session.role, sub };
}

/**
 * On the patient pages the caller is the signed-in patient or nobody, never a Bearer token sent
 * alongside: a token must not lend its role or budgets to the session, and a signed-in patient is
 * limited as that patient, not as an address.
 */
export const actAsSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('caller', c.var.session ? sessionCaller(c.var.session) : null);
  await next();
};
