// The signed-in patient as the Caller the core operations take: the pages act with the same
// object-level rules as a patient's API token.
import type { Caller } from '../lib/types';
import { providerSubPrefix } from './providers';
import type { Session } from './session';

export function sessionCaller(session: Session): Caller {
  return { role: 'patient', sub: `${providerSubPrefix(session.provider)}${session.sub}` };
}
