import type { Env, EnvVars } from '../env';
import type { RequestDb } from '../db/client';
import type { Session } from '../auth/session';

import type { Role } from '../domain/roles';
import type { RegionScope } from '../domain/region-scope';

export type { Role };

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

export interface AppVariables {
  requestId: string;
  db: RequestDb;
  caller: Caller | null;
  /** The instant this request is handled at; rules use it instead of reading the wall clock. */
  now: Date;
  /** Validated configuration (src/env.ts), parsed on first use: /health needs none. */
  config: () => EnvVars;
  /** Page routes only (src/auth/session.ts readSession): the signed-in person, or null. */
  session?: Session | null;
  /** Why a page request has no session although it sent one: it expired. */
  sessionEnded?: 'expired' | null;
  /** The zone the request is about, once the rate limiter has read it (logs and metrics). */
  zone?: string;
  /** Bookings an agent's request touched, for the audit trail. */
  auditBookingIds?: string[];
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
