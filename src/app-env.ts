// The Hono environment of a request: its bindings and the variables the middleware set. Types only
// (tests/architecture/import-rules.test.ts).
import type { Session } from './auth/session';
import type { Db } from './db/client';
import type { Caller } from './domain/caller';
import type { Env, EnvVars } from './env';

export interface AppVariables {
  requestId: string;
  /** The request's database; its connection opens with the first statement (src/db/client.ts). */
  db: Db;
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
