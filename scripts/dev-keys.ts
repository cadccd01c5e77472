// ES256 key pair for local development: generated once, kept in .dev/ (git-ignored). The server
// trusts its public half only outside production and when no JWKS URL is configured.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export interface KeyPairJwk {
  privateJwk: JWK;
  publicJwks: { keys: JWK[] };
}

export async function newKeyPair(kid: string): Promise<KeyPairJwk> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { privateJwk, publicJwks: { keys: [publicJwk] } };
}

const file = new URL('../.dev/keys.json', import.meta.url);

export async function loadOrCreateDevKeys(): Promise<KeyPairJwk> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KeyPairJwk;
  const keys = await newKeyPair(`dev-${Date.now().toString(36)}`);
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

// The issuer and audience the worker checks, read from wrangler.toml so tokens cannot drift from it.
const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
const tomlVar = (name: string) => {
  const value = new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, 'm').exec(toml)?.[1];
  if (value === undefined) throw new Error(`wrangler.toml has no ${name}`);
  return value;
};
const ISSUER = tomlVar('JWT_ISSUER');
const AUDIENCE = tomlVar('JWT_AUDIENCE');

/**
 * Signs tokens with one private key: `sign(claims, sub, ttl)`, e.g. ({ role: 'patient' }, 'me', '1h').
 * sub, iat and exp are always set, as the API requires; ttl must not exceed its JWT_MAX_TOKEN_AGE_SECONDS.
 */
export async function tokenSigner(privateJwk: JWK) {
  const key = await importJWK(privateJwk, 'ES256');
  return (claims: Record<string, string | string[]>, sub: string, ttl: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: String(privateJwk.kid), typ: 'at+jwt' })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(key);
}
