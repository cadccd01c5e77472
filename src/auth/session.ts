// The signed-in person, kept in the browser as an encrypted, expiring cookie. A session ends a fixed
// time after sign-in whatever happens, or after a while without a request (SESSION_LIMITS, by role);
// each request slides the idle limit (re-sealing the cookie at most once a minute). It also ends on
// the server, for every copy of the cookie: signing out records its id (src/core/sessions/), and a
// staff member taken off AGENT_ACCOUNTS/ARS_ACCOUNTS loses it at their next request. Checking that
// id is one primary-key read per page request that carries a session (none without one). Times
// come from the request's clock (c.var.now).
import type { Context, MiddlewareHandler } from 'hono';
import { base64url } from 'jose';
import { z } from 'zod';
import { isRevoked, revokeSession } from '../core/sessions/revocations';
import { proConnectRole } from '../domain/staff-access';
import type { EnvVars } from '../env';
import { log } from '../lib/log';
import type { AppEnv } from '../app-env';
import { clearCookie, readCookie, writeCookie } from './cookies';
import { open, seal } from './sealed';
import { PROVIDER_IDS } from './providers';

/**
 * Patients: one hour from sign-in, as FranceConnect's own session (long enough for a search and a
 * booking), and half an hour without a request ends it (a shared computer left alone). Staff work
 * a whole day in their space (a doctor's mission day, an agent's shift): ten hours from sign-in,
 * and an hour without a request, so a doctor between two patients is not sent back to sign in.
 */
export const SESSION_LIMITS = {
  patient: { absoluteMinutes: 60, idleMinutes: 30 },
  staff: { absoluteMinutes: 600, idleMinutes: 60 },
} as const;
const RESEAL_AFTER_SECONDS = 60;

export const SESSION_ROLES = ['patient', 'agent', 'doctor', 'admin'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

const SessionSchema = z.object({
  /** This session's id, random: what ending it on the server records. */
  sid: z.string().regex(/^[\w-]{43}$/),
  provider: z.enum(PROVIDER_IDS),
  /** The provider's (pairwise) subject. */
  sub: z.string().min(1).max(255),
  /** What the person does here: a patient (FranceConnect), an agent or ARS staff ('admin', ProConnect), a doctor (Pro Santé Connect). */
  role: z.enum(SESSION_ROLES),
  /** Doctors: the RPPS from Pro Santé Connect, never typed in. */
  rpps: z
    .string()
    .regex(/^\d{11}$/)
    .optional(),
  givenName: z.string().max(200),
  familyName: z.string().max(200),
  /** Patients only (FranceConnect's identity pivot). */
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  email: z.string().max(320).optional(),
  /** For the provider's sign-out (id_token_hint). */
  idToken: z.string().max(4000).optional(),
  /** The per-session token every page form carries (csrf.ts). */
  csrf: z.string().min(32),
  /** Epoch seconds. */
  startedAt: z.number().int(),
  seenAt: z.number().int(),
});

export type Session = z.infer<typeof SessionSchema>;

/** Why there is no session: none was opened, or it ended (the page can say so). */
export type SessionState = { session: Session } | { session: null; ended: 'expired' | null };

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

const limitsOf = (session: Session) => SESSION_LIMITS[session.role === 'patient' ? 'patient' : 'staff'];

/** When the session ends however active it is: no copy of its cookie opens after that. */
const absoluteEndOf = (session: Session) =>
  new Date((session.startedAt + limitsOf(session).absoluteMinutes * 60) * 1000);

function expiryOf(session: Session): Date {
  return new Date(
    Math.min(absoluteEndOf(session).getTime(), (session.seenAt + limitsOf(session).idleMinutes * 60) * 1000),
  );
}

const randomToken = () => base64url.encode(crypto.getRandomValues(new Uint8Array(32)));

async function store(c: Context<AppEnv>, config: EnvVars, session: Session) {
  writeCookie(
    c,
    config,
    'session',
    await seal(config.SESSION_SECRET!, 'session', { s: session }, new Date(session.seenAt * 1000), expiryOf(session)),
  );
}

/** Opens a session for a person the provider just identified. */
export async function startSession(
  c: Context<AppEnv>,
  identity: Omit<Session, 'sid' | 'csrf' | 'startedAt' | 'seenAt'>,
): Promise<Session> {
  const now = epoch(c.var.now);
  const session: Session = { ...identity, sid: randomToken(), csrf: randomToken(), startedAt: now, seenAt: now };
  await store(c, c.var.config(), session);
  return session;
}

/** Ends the session in this browser and, when there is one, on the server for every copy of its cookie. */
export async function endSession(c: Context<AppEnv>, session: Session | null) {
  clearCookie(c, c.var.config(), 'session');
  if (session) await revokeSession(c.var.db, session.sid, absoluteEndOf(session), c.var.now);
}

/** Staff hold their role from the service's lists as they are now, not as they were at sign-in. */
const stillAdmitted = (session: Session, config: EnvVars) =>
  session.provider !== 'proconnect' ||
  proConnectRole(session.email ?? '', { agents: config.AGENT_ACCOUNTS, ars: config.ARS_ACCOUNTS }) === session.role;

async function readSessionState(c: Context<AppEnv>): Promise<SessionState> {
  const config = c.var.config();
  const value = readCookie(c, config, 'session');
  const secret = config.SESSION_SECRET;
  if (!value || !secret) return { session: null, ended: null };
  const opened = await open(secret, 'session', value, c.var.now);
  const parsed = opened.ok ? SessionSchema.safeParse(opened.payload.s) : undefined;
  if (!parsed?.success) {
    clearCookie(c, config, 'session');
    return { session: null, ended: opened.ok || opened.reason === 'invalid' ? null : 'expired' };
  }
  // The sealed expiry is the sooner of both limits as of the last request, so open() enforced them.
  const session = parsed.data;
  if (!stillAdmitted(session, config)) {
    await endSession(c, session);
    log('info', 'session_ended', { requestId: c.var.requestId, role: session.role, reason: 'not_admitted' });
    return { session: null, ended: null };
  }
  if (await isRevoked(c.var.db, session.sid)) {
    // This browser's own cookie was cleared at sign-out: a copy of it, or a request sent meanwhile.
    clearCookie(c, config, 'session');
    log('warn', 'session_revoked', { requestId: c.var.requestId, role: session.role });
    return { session: null, ended: null };
  }
  const now = epoch(c.var.now);
  if (now - session.seenAt >= RESEAL_AFTER_SECONDS) {
    session.seenAt = now;
    await store(c, config, session);
  }
  return { session };
}

/** Sets c.var.session (null when signed out) and c.var.sessionEnded; page routes only, never the API. */
export const readSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const state = await readSessionState(c);
  c.set('session', state.session);
  c.set('sessionEnded', state.session ? null : state.ended);
  await next();
  // Pages for a signed-in person show their identity: no cache may keep them.
  if (state.session) c.header('Cache-Control', 'no-store');
};

/**
 * The patient pages see only a patient's session: a staff member signed in on this browser is,
 * for them, signed out (their own space is elsewhere; signing in with FranceConnect replaces it).
 */
export const onlyPatients: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.session && c.var.session.role !== 'patient') c.set('session', null);
  await next();
};
