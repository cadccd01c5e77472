// Verifies `Authorization: Bearer` JWTs. ES256 only; issuer, audience, subject, issue time and
// expiry required; a token may live and be used for at most JWT_MAX_TOKEN_AGE_SECONDS; 30 s of
// clock tolerance. Keys come from the JWKS URL when one is configured (always in production); the
// local JWK set is trusted only otherwise, and never in production (env.ts requires the URL there).
// Only access tokens: the header's `typ` must say so (see accessTokenType), and a subject under a
// sign-in provider's prefix (fc:, pc:, psc:) belongs to the pages' sessions, never to a token.
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { problem, ProblemError } from '../domain/problem';
import { systemClock } from '../lib/clock';
import { errorSummary, log } from '../lib/log';
import { ROLES } from '../domain/roles';
import { NATIONAL, scopeOfClaim } from '../domain/region-scope';
import type { AppEnv } from '../app-env';
import type { Caller } from '../domain/caller';
import type { EnvVars } from '../env';
import { ConfigurationError } from '../lib/configuration-error';
import { SESSION_SUB_PREFIXES } from '../auth/providers';

const CLOCK_TOLERANCE_SECONDS = 30;
/** What a client is told when the key set cannot be fetched: about one fetch timeout. */
const JWKS_RETRY_AFTER_SECONDS = 5;

const ClaimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    role: z.enum(ROLES),
    rpps: z
      .string()
      .regex(/^\d{11}$/)
      .optional(),
    client_id: z.string().min(1).max(200).optional(),
    // ARS staff: "national", or the INSEE codes of their regions (src/domain/region-scope.ts).
    regions: z
      .union([z.literal(NATIONAL), z.array(z.string())])
      .optional()
      .refine((v) => v === undefined || scopeOfClaim(v) !== undefined, {
        message: 'regions is "national" or a list of INSEE region codes',
      }),
    // ARS staff who are the data protection officer (DPO): only they erase a person's data.
    dpo: z.boolean().optional(),
    // OIDC standard claims (Pro Santé Connect sends them): a doctor's name for the FHIR Practitioner.
    given_name: z.string().trim().min(1).max(200).optional(),
    family_name: z.string().trim().min(1).max(200).optional(),
    // Test credentials, issued for the sandbox only (docs/integrators.md).
    sandbox: z.boolean().optional(),
  })
  .refine((c) => c.role !== 'doctor' || c.rpps, { message: 'a doctor token carries an rpps claim' })
  .refine((c) => c.role !== 'integrator' || c.client_id, { message: 'an integrator token carries a client_id claim' });

/**
 * Whether the header's `typ` names an access token. RFC 7515 §4.1.9: compared without case, with or
 * without "application/". `at+jwt` (RFC 9068) always; `JWT` or none only for an issuer configured as
 * not typing its access tokens. Anything else (an ID token's or logout token's type…) never.
 */
function accessTokenType(typ: unknown, untypedAccepted: boolean): boolean {
  if (typ === undefined) return untypedAccepted;
  if (typeof typ !== 'string') return false;
  const type = typ.toLowerCase().replace(/^application\//, '');
  return type === 'at+jwt' || (untypedAccepted && type === 'jwt');
}

const invalidToken = (detail: string) =>
  problem('invalid_token', detail, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

const authUnavailable = () =>
  problem('auth_unavailable', 'The identity provider’s keys cannot be fetched; retry shortly.', {
    headers: { 'retry-after': String(JWKS_RETRY_AFTER_SECONDS) },
  });

// A key set that answered but holds no key for this token is the token's fault (401); anything else
// thrown while fetching it (network, timeout, non-200, not JSON, not a key set) is ours (503).
const TOKEN_FAULTS = new Set(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS']);

function remoteKeySet(url: string): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(url));
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (TOKEN_FAULTS.has((error as { code?: string }).code ?? '')) throw error;
      log('error', 'auth_unavailable', { jwksHost: new URL(url).host, error: errorSummary(error) });
      throw authUnavailable();
    }
  };
}

function localKeySet(json: string): JWTVerifyGetKey {
  try {
    return createLocalJWKSet(JSON.parse(json));
  } catch {
    throw new ConfigurationError('JWT_DEV_JWKS');
  }
}

// Key sets per configured value, built once per isolate rather than per request.
const keySets = new Map<string, JWTVerifyGetKey>();

function keySet(config: EnvVars): JWTVerifyGetKey {
  const source = config.JWT_JWKS_URL ?? config.JWT_DEV_JWKS;
  if (!source) throw new ConfigurationError('JWT_JWKS_URL or JWT_DEV_JWKS');
  let set = keySets.get(source);
  if (!set) keySets.set(source, (set = config.JWT_JWKS_URL ? remoteKeySet(source) : localKeySet(source)));
  return set;
}

// Verified tokens per isolate: a patient's app sends the same token for its search, hold and
// booking, and the ES256 check with its decoding was ~1.2 ms of a search's worker CPU. Keyed by the
// whole token (its signature included) and by the configuration that accepted it; a verdict is
// reused at most CACHE_SECONDS, and never past the token's own limits, so a key withdrawn from the
// key set stops admitting its tokens within that time. Refusals are not kept.
const CACHE_SECONDS = 60;
const MAX_CACHED_TOKENS = 4096;
const verified = new Map<string, { caller: Readonly<Caller>; untilMs: number }>();

function remembered(key: string, nowMs: number): Readonly<Caller> | undefined {
  const entry = verified.get(key);
  if (!entry) return undefined;
  if (nowMs < entry.untilMs) return entry.caller;
  verified.delete(key);
  return undefined;
}

function remember(key: string, caller: Caller, untilMs: number): Readonly<Caller> {
  // The oldest first: a Map iterates in insertion order.
  if (verified.size >= MAX_CACHED_TOKENS) verified.delete(verified.keys().next().value!);
  const frozen = Object.freeze(caller);
  verified.set(key, { caller: frozen, untilMs });
  return frozen;
}

/** `now` is the wall clock (tokens are signed with it), not the request's injected clock. */
export async function verifyToken(config: EnvVars, token: string, now: Date): Promise<Readonly<Caller>> {
  const maxAge = config.JWT_MAX_TOKEN_AGE_SECONDS;
  const untypedAccepted = config.JWT_UNTYPED_ACCESS_TOKENS === 'accept';
  const cacheKey = `${config.JWT_JWKS_URL ?? config.JWT_DEV_JWKS}|${config.JWT_ISSUER}|${config.JWT_AUDIENCE}|${maxAge}|${untypedAccepted}|${token}`;
  const cached = remembered(cacheKey, now.getTime());
  if (cached) return cached;
  let payload: { iat?: number; exp?: number };
  let typ: unknown;
  try {
    ({
      payload,
      protectedHeader: { typ },
    } = await jwtVerify(token, keySet(config), {
      algorithms: ['ES256'],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      requiredClaims: ['sub', 'iat', 'exp'],
      maxTokenAge: maxAge,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    if (error instanceof ProblemError || error instanceof ConfigurationError) throw error;
    const { code = 'ERR_JWT_INVALID', claim, reason } = error as { code?: string; claim?: string; reason?: string };
    throw invalidToken(`The token was refused (${code}${claim ? `: ${claim} ${reason}` : ''}).`);
  }
  if (!accessTokenType(typ, untypedAccepted)) {
    throw invalidToken(
      `The token is not an access token: its header's typ must be "at+jwt"${untypedAccepted ? ', "JWT" or absent' : ''}.`,
    );
  }
  // maxTokenAge bounds how long ago it was issued; this bounds how long it was issued for.
  if (payload.exp! - payload.iat! > maxAge) throw invalidToken(`The token's lifetime (exp - iat) exceeds ${maxAge} s.`);
  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success)
    throw invalidToken(`The token's claims are incomplete: ${claims.error.issues.map((i) => i.message).join('; ')}.`);
  const { sub, role, rpps, client_id, regions, dpo, given_name, family_name, sandbox } = claims.data;
  if (sandbox && config.SANDBOX !== '1')
    throw invalidToken('A sandbox token (sandbox: true): use it against the sandbox, not this deployment.');
  const scope = role === 'admin' ? scopeOfClaim(regions) : undefined;
  if (SESSION_SUB_PREFIXES.some((prefix) => sub.toLowerCase().startsWith(prefix))) {
    throw invalidToken("The token's sub uses a prefix reserved to the pages' sign-in sessions (fc:, pc:, psc:).");
  }
  const name = given_name && family_name ? { givenName: given_name, familyName: family_name } : undefined;
  // The first instant jose would refuse it: past its expiry, or too long after its issue.
  const refusedFromMs = (Math.min(payload.exp!, payload.iat! + maxAge) + CLOCK_TOLERANCE_SECONDS) * 1000;
  const untilMs = Math.min(refusedFromMs, now.getTime() + CACHE_SECONDS * 1000);
  const common = { sub, ...(name ? { name } : {}) };
  // The claims schema already requires a doctor's rpps and an integrator's client_id.
  let caller: Caller;
  if (role === 'doctor') {
    if (!rpps) throw invalidToken('A doctor token carries an rpps claim.');
    caller = { ...common, role, rpps };
  } else if (role === 'integrator') {
    if (!client_id) throw invalidToken('An integrator token carries a client_id claim.');
    caller = { ...common, role, clientId: client_id };
  } else if (role === 'admin') {
    caller = { ...common, role, ...(scope ? { scope } : {}), ...(dpo ? { dpo } : {}) };
  } else if (role === 'patient') {
    caller = { ...common, role, ...(client_id ? { clientId: client_id } : {}) };
  } else {
    caller = { ...common, role };
  }
  return remember(cacheKey, caller, untilMs);
}

/** Identifies the caller when a token is sent; anonymous otherwise. Routes decide who they admit. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  if (!header) {
    c.set('caller', null);
    return next();
  }
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
  if (!match) throw invalidToken('Send the token as "Authorization: Bearer <jwt>".');
  c.set('caller', await verifyToken(c.var.config(), match[1], systemClock()));
  return next();
};
