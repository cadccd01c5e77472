// From a provider's claims to the session's identity: what each federation proves and what we
// keep (architecture rule 7: the least that serves). FranceConnect: a patient's name and birth
// date. ProConnect: an agent's name and address, the role coming from the service's own lists.
// Pro Santé Connect: a doctor's name and RPPS; any other profession is refused.
import { z } from 'zod';
import type { EnvVars } from '../env';
import { practisesMedicine, proConnectRole, rppsOfNationalId } from '../domain/staff-access';
import type { ProviderId } from './providers';
import type { Session } from './session';

export type SessionIdentity = Omit<Session, 'sid' | 'provider' | 'sub' | 'idToken' | 'csrf' | 'startedAt' | 'seenAt'>;

/** Why a proven identity opens no session: claims missing, or a person this service does not admit. */
export type IdentityRefusal = 'identity_incomplete' | 'not_admitted';

const name = z.string().trim().min(1).max(200);

const PatientClaims = z.object({
  given_name: name,
  family_name: name,
  birthdate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  email: z.string().max(320).optional(),
});
const AgentClaims = z.object({ given_name: name, usual_name: name, email: z.email().max(320) });
const ProfessionalClaims = z.object({
  given_name: name,
  family_name: name,
  SubjectNameID: z.string().max(40),
  SubjectRefPro: z.unknown(),
});

export function sessionIdentity(
  provider: ProviderId,
  claims: Record<string, unknown>,
  config: EnvVars,
): SessionIdentity | IdentityRefusal {
  switch (provider) {
    case 'fc': {
      const c = PatientClaims.safeParse(claims);
      if (!c.success) return 'identity_incomplete';
      return {
        role: 'patient',
        givenName: c.data.given_name,
        familyName: c.data.family_name,
        birthDate: c.data.birthdate,
        email: c.data.email,
      };
    }
    case 'proconnect': {
      const c = AgentClaims.safeParse(claims);
      if (!c.success) return 'identity_incomplete';
      const role = proConnectRole(c.data.email, { agents: config.AGENT_ACCOUNTS, ars: config.ARS_ACCOUNTS });
      if (!role) return 'not_admitted';
      return { role, givenName: c.data.given_name, familyName: c.data.usual_name, email: c.data.email };
    }
    case 'psc': {
      const c = ProfessionalClaims.safeParse(claims);
      const rpps = c.success ? rppsOfNationalId(c.data.SubjectNameID) : undefined;
      if (!c.success || !rpps) return 'identity_incomplete';
      if (!practisesMedicine(c.data.SubjectRefPro)) return 'not_admitted';
      return { role: 'doctor', rpps, givenName: c.data.given_name, familyName: c.data.family_name };
    }
  }
}
