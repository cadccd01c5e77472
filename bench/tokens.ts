// Tokens for the bench: ES256 with a key pair made for this run only (never .dev/keys.json), with
// the issuer and audience the worker checks, read from wrangler.toml so the two cannot drift.
import { readFileSync } from 'node:fs';
import { SignJWT, importJWK, type JWK } from 'jose';
import { newKeyPair, type KeyPairJwk } from '../scripts/dev-keys';

const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
const tomlVar = (name: string, fallback: string) => new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, 'm').exec(toml)?.[1] ?? fallback;
export const ISSUER = tomlVar('JWT_ISSUER', 'https://auth.medecin-pres-de-chez-vous.fr');
export const AUDIENCE = tomlVar('JWT_AUDIENCE', 'medecin-pres-de-chez-vous-api');

export interface Signer {
  keys: KeyPairJwk;
  sign(role: string, sub: string): Promise<string>;
  /** n patient tokens `bench-<prefix><i>`, signed up front so signing never runs inside a timed loop. */
  patients(prefix: string, n: number): Promise<string[]>;
}

export async function newSigner(): Promise<Signer> {
  const keys = await newKeyPair(`bench-${Date.now().toString(36)}`);
  const key = await importJWK(keys.privateJwk as JWK, 'ES256');
  const sign = (role: string, sub: string) =>
    new SignJWT({ role })
      .setProtectedHeader({ alg: 'ES256', kid: String(keys.privateJwk.kid) })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
  return {
    keys,
    sign,
    patients: async (prefix, n) => {
      const out: string[] = [];
      for (let i = 0; i < n; i += 1) out.push(await sign('patient', `bench-${prefix}${i}`));
      return out;
    },
  };
}

/** A distinct, valid patient per number: names take letters only, so the number is spelt in letters. */
export function benchPatient(n: number) {
  let letters = '';
  let rest = n;
  do {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return {
    firstName: 'Bench',
    lastName: `Patient${letters}`,
    birthDate: '1980-01-01',
    phone: `07${String(n % 1e8).padStart(8, '0')}`,
  };
}
