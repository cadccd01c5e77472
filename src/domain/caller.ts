// Who is calling, as every door and operation sees it: from a bearer token (src/middleware/auth.ts)
// or a page session (src/auth/caller.ts).
import type { RegionScope } from './region-scope';
import type { Role } from './roles';

export interface Caller {
  sub: string;
  role: Role;
  /** Doctors: their RPPS number (11 digits). */
  rpps?: string;
  /** Integrators: the partner application's id. */
  clientId?: string;
  /**
   * ARS staff: the regions whose bookings, sites, zones, missions, figures and indemnities they see
   * and change (`regions` claim, or ARS_ACCOUNTS for the pages). Without it an admin is refused.
   */
  scope?: RegionScope;
  /**
   * Patients without an account (a personal link /rdv/<token>, or reference and birth date): the one
   * booking they may see and change.
   */
  bookingId?: string;
  /** A person holding the personal link of a waitlist offer (/attente/<token>): the one entry they may see and answer. */
  waitlistEntryId?: string;
  /** ARS staff with the `dpo` claim: the data protection officer, who may erase a person's data. */
  dpo?: boolean;
  /** From the token's given_name and family_name claims, when both are present. */
  name?: { givenName: string; familyName: string };
}
