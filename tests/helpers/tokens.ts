import { importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from '../../src/lib/types';
import { env } from './env';

let key: CryptoKey | Uint8Array | undefined;

export async function token(role: Role, claims: { sub?: string; rpps?: string; client_id?: string } = {}, options: { expiresIn?: string; audience?: string; issuer?: string } = {}) {
  key ??= await importJWK(JSON.parse(env.TEST_PRIVATE_JWK) as JWK, 'ES256');
  return new SignJWT({ role, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'test' })
    .setSubject(claims.sub ?? `${role}-${crypto.randomUUID()}`)
    .setIssuer(options.issuer ?? env.JWT_ISSUER)
    .setAudience(options.audience ?? env.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(key);
}
