// The signed-in person, kept in the browser as an encrypted, expiring cookie (nothing stored on our
// side). A session ends a fixed time after sign-in whatever happens, or after a while without a
// request (SESSION_LIMITS, by role); each request slides the idle limit (re-sealing the cookie at
// most once a minute). Times come from the request's clock (c.var.now).
import type { Context, MiddlewareHandler } from 'hono';
import { base64url } from 'jose';
import { z } from 'zod';
import type { EnvVars } from '../env';
import type { AppEnv } from '../lib/types';
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
  provider: z.enum(PROVIDER_IDS),
  /** The provider's (pairwise) subject. */
  sub: z.string().min(1).max(255),
  /** What the person does here: a patient (FranceConnect), an agent or ARS staff ('admin', ProConnect), a doctor (Pro Santé Connect). */
  role: z.enum(SESSION_ROLES),
  /** Doctors: the RPPS from Pro Santé Connect, never typed in. */
  rpps: z.string().regex(/^\d{11}$/).optional(),
  givenName: z.string().max(200),
  familyName: z.string().max(200),
  /** Patients only (FranceConnect's identity pivot). */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
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

function expiryOf(session: Session): Date {
  const limits = SESSION_LIMITS[session.role === 'patient' ? 'patient' : 'staff'];
  return new Date(Math.min(session.startedAt + limits.absoluteMinutes * 60, session.seenAt + limits.idleMinutes * 60) * 1000);
}

async function store(c: Context<AppEnv>, config: EnvVars, session: Session) {
  writeCookie(c, config, 'session', await seal(config.SESSION_SECRET!, 'session', { s: session }, new Date(session.seenAt * 1000), expiryOf(session)));
}

/** Opens a session for a person the provider just identified. */
export async function startSession(c: Context<AppEnv>, identity: Omit<Session, 'csrf' | 'startedAt' | 'seenAt'>): Promise<Session> {
  const now = epoch(c.var.now);
  const csrf = base64url.encode(crypto.getRandomValues(new Uint8Array(32)));
  const session: Session = { ...identity, csrf, startedAt: now, seenAt: now };
  await store(c, c.var.config(), session);
  return session;
}

export function endSession(c: Context<AppEnv>) {
  clearCookie(c, c.var.config(), 'session');
}

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
