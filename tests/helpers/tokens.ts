import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Role } from '../../src/domain/roles';
import { env } from './env';

let key: CryptoKey | Uint8Array | undefined;
const signer = (payload: JWTPayload) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'test', typ: 'at+jwt' });
const signingKey = async () => (key ??= await importJWK(JSON.parse(env.TEST_PRIVATE_JWK) as JWK, 'ES256'));

/** Signs exactly these claims with the test key: for tokens that lack or bend a claim (or a header parameter). */
export async function signed(payload: JWTPayload, header: { typ?: string } = {}) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: 'test', ...('typ' in header ? header : { typ: 'at+jwt' }) })
    .sign(await signingKey());
}

/**
 * A valid token for a role: issued now, for 10 minutes unless told otherwise. An admin works
 * nationally unless `regions` is given (undefined for none at all).
 */
export async function token(
  role: Role,
  claims: {
    sub?: string;
    rpps?: string;
    client_id?: string;
    regions?: string | string[];
    dpo?: boolean;
    given_name?: string;
    family_name?: string;
    sandbox?: boolean;
  } = {},
  options: { expiresIn?: string; audience?: string; issuer?: string } = {},
) {
  return signer({ role, ...(role === 'admin' && !('regions' in claims) ? { regions: 'national' } : {}), ...claims })
    .setSubject(claims.sub ?? `${role}-${crypto.randomUUID()}`)
    .setIssuer(options.issuer ?? env.JWT_ISSUER)
    .setAudience(options.audience ?? env.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(await signingKey());
}
