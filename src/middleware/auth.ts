// Verifies `Authorization: Bearer` JWTs. ES256 only, issuer and audience checked, 30 s of clock
// tolerance. Keys come from a JWKS URL in production; a local public JWK set is trusted only when
// no production key source is configured.
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ProblemError } from '../lib/problem';
import { ROLES } from '../domain/roles';
import type { AppEnv, Caller } from '../lib/types';
import type { EnvVars } from '../env';

const ClaimsSchema = z
  .object({
    sub: z.string().min(1).max(200),
    role: z.enum(ROLES),
    rpps: z.string().regex(/^\d{11}$/).optional(),
    client_id: z.string().min(1).max(200).optional(),
  })
  .refine((c) => c.role !== 'doctor' || c.rpps, { message: 'a doctor token carries an rpps claim' })
  .refine((c) => c.role !== 'integrator' || c.client_id, { message: 'an integrator token carries a client_id claim' });

const notConfigured = (detail: string) => new ProblemError(503, 'auth_not_configured', 'Authentication unavailable', detail);

// Key sets per configured value, built once per isolate rather than per request.
const remoteKeySets = new Map<string, JWTVerifyGetKey>();
const localKeySets = new Map<string, JWTVerifyGetKey>();

function keySet(env: EnvVars): JWTVerifyGetKey {
  if (env.JWT_JWKS_URL) {
    let set = remoteKeySets.get(env.JWT_JWKS_URL);
    if (!set) remoteKeySets.set(env.JWT_JWKS_URL, (set = createRemoteJWKSet(new URL(env.JWT_JWKS_URL))));
    return set;
  }
  if (env.JWT_DEV_JWKS) {
    let set = localKeySets.get(env.JWT_DEV_JWKS);
    if (set) return set;
    try {
      set = createLocalJWKSet(JSON.parse(env.JWT_DEV_JWKS));
    } catch {
      throw notConfigured('JWT_DEV_JWKS is not a JSON Web Key Set.');
    }
    localKeySets.set(env.JWT_DEV_JWKS, set);
    return set;
  }
  throw notConfigured('No token verification keys are configured.');
}

const invalidToken = (detail: string) =>
  new ProblemError(401, 'invalid_token', 'Invalid token', detail, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });

export async function verifyToken(env: EnvVars, token: string): Promise<Caller> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, keySet(env), {
      algorithms: ['ES256'],
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      clockTolerance: 30,
    }));
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    const code = (error as { code?: string }).code ?? 'ERR_JWT_INVALID';
    throw invalidToken(`The token was refused (${code}).`);
  }
  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success) throw invalidToken(`The token's claims are incomplete: ${claims.error.issues.map((i) => i.message).join('; ')}.`);
  const { sub, role, rpps, client_id } = claims.data;
  return { sub, role, rpps, clientId: client_id };
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
  c.set('caller', await verifyToken(c.var.config(), match[1]));
  return next();
};
