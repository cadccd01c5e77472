// Tokens for the bench: ES256 with a key pair made for this run only (never .dev/keys.json).
import { newKeyPair, tokenSigner, type KeyPairJwk } from '../scripts/dev-keys';

export interface Signer {
  keys: KeyPairJwk;
  sign(role: string, sub: string, claims?: Record<string, string>): Promise<string>;
  /** n patient tokens `bench-<prefix><i>`, signed up front so signing never runs inside a timed loop. */
  patients(prefix: string, n: number): Promise<string[]>;
}

export async function newSigner(): Promise<Signer> {
  const keys = await newKeyPair(`bench-${Date.now().toString(36)}`);
  const signer = await tokenSigner(keys.privateJwk);
  // The API's default maximum lifetime, and longer than a bench run.
  const sign = (role: string, sub: string, claims: Record<string, string> = {}) =>
    signer({ role, ...claims }, sub, '1h');
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
    // 06 10 00 00 00 onwards: mobile ranges the phone check accepts (07 00… is not allocated, so refused).
    phone: `06${10_000_000 + (n % 90_000_000)}`,
  };
}
