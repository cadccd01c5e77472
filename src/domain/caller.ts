// Who is calling, as every door and operation sees it: from a bearer token (src/middleware/auth.ts)
// or a page session (src/auth/caller.ts).
import type { RegionScope } from './region-scope';
import type { Role } from './roles';

interface Common {
  sub: string;
  /** From the token's given_name and family_name claims, when both are present. */
  name?: { givenName: string; familyName: string };
}

/** A patient: signed in, through a partner's app (its client_id), or holding a personal link. */
export interface PatientCaller extends Common {
  role: 'patient';
  /** The partner app the patient books through, when the token names one. */
  clientId?: string;
  /**
   * Patients without an account (a personal link /rdv/<token>, or reference and birth date): the one
   * booking they may see and change.
   */
  bookingId?: string;
  /** A person holding the personal link of a waitlist offer (/attente/<token>): the one entry they may see and answer. */
  waitlistEntryId?: string;
}

/** A partner application (the client_id of its tokens). */
export interface IntegratorCaller extends Common {
  role: 'integrator';
  clientId: string;
}

export interface AgentCaller extends Common {
  role: 'agent';
}

export interface DoctorCaller extends Common {
  role: 'doctor';
  /** Their RPPS number (11 digits). */
  rpps: string;
}

/** ARS staff. */
export interface AdminCaller extends Common {
  role: 'admin';
  /**
   * The regions whose bookings, sites, zones, missions, figures and indemnities they see and change
   * (`regions` claim, or ARS_ACCOUNTS for the pages). Without it an admin is refused.
   */
  scope?: RegionScope;
  /** The data protection officer (`dpo` claim), who may erase a person's data. */
  dpo?: boolean;
}

/** Who is calling, typed by role: a doctor always has an RPPS number, an integrator a client_id. */
export type Caller = PatientCaller | IntegratorCaller | AgentCaller | DoctorCaller | AdminCaller;

/** The caller of one role, as a route allowed to that role alone sees it. */
export type CallerOf<R extends Role> = Extract<Caller, { role: R }>;

/** An ARS officer's regions; nobody else's requests are limited to regions. */
export const scopeOf = (caller: Caller): RegionScope | undefined =>
  caller.role === 'admin' ? caller.scope : undefined;
