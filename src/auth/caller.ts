// The signed-in person as the Caller the core operations take: the pages act with the same
// object-level rules as the API's tokens for that role.
import type { Caller } from '../lib/types';
import { providerSubPrefix } from './providers';
import type { Session } from './session';

export function sessionCaller(session: Session): Caller {
  const sub = `${providerSubPrefix(session.provider)}${session.sub}`;
  if (session.role === 'doctor') return { role: 'doctor', sub, rpps: session.rpps, name: { givenName: session.givenName, familyName: session.familyName } };
  return { role: session.role, sub };
}
