// The door of each staff space: signed out → the space's federation; signed in with another role →
// a French 403 page that names the person's own space; ARS staff whose account names no region → a
// French 403 page too; otherwise the person's Caller for the core
// operations (same deny-by-default and object-level rules as the API's tokens).
import type { MiddlewareHandler } from 'hono';
import { sessionCaller, signInPath } from '../../auth';
import { AUTH_PAGES, renderAuthPage } from '../sign-in/auth-page';
import type { AppEnv } from '../../app-env';
import { accountScope } from '../../domain/region-scope';
import { inSentence, SPACES, spaceOfRole, type SpaceId } from './spaces';

export function staffOnly(id: SpaceId): MiddlewareHandler<AppEnv> {
  const space = SPACES[id];
  return async (c, next) => {
    const session = c.var.session;
    if (!session) {
      if (c.var.sessionEnded === 'expired' && c.req.method === 'GET')
        return renderAuthPage(c, 401, AUTH_PAGES.expired(signInPath(c.req.path, space.provider)));
      // A form posted after the session ended cannot be replayed: back to the space's home.
      return c.redirect(
        signInPath(c.req.method === 'GET' ? `${c.req.path}${new URL(c.req.url).search}` : space.path, space.provider),
        303,
      );
    }
    if (session.role !== space.role) {
      const own = spaceOfRole(session.role);
      return renderAuthPage(c, 403, {
        title: 'Cet espace ne vous est pas ouvert',
        message: `L’${inSentence(space)} est réservé à d’autres professionnels. ${own ? `Votre espace est l’${inSentence(own)}.` : 'Vos rendez-vous sont dans « Mes rendez-vous ».'}`,
        link: own
          ? { href: own.path, label: `Aller à l’${inSentence(own)}` }
          : { href: '/mes-rendez-vous', label: 'Mes rendez-vous' },
      });
    }
    const caller = sessionCaller(session);
    if (caller.role === 'admin') {
      // As the role, the regions are read from ARS_ACCOUNTS as it is now; none is a refusal, never the whole country.
      const scope = accountScope(c.var.config().ARS_ACCOUNTS, session.email ?? '');
      if (!scope) return renderAuthPage(c, 403, AUTH_PAGES.noRegion);
      caller.scope = scope;
    }
    c.set('caller', caller);
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
