// Encrypted, expiring cookie values: a JWT encrypted with `dir` + A256GCM (jose), under a key
// derived from SESSION_SECRET by HKDF with the cookie's purpose, so that one sealed value can never
// be replayed as another kind (a sign-in transaction as a session).
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';

export type Purpose = 'session' | 'sign-in' | 'draft';

const keys = new Map<string, Promise<Uint8Array>>();

function keyFor(secret: string, purpose: Purpose): Promise<Uint8Array> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, [
        'deriveBits',
      ]);
      const bits = await crypto.subtle.deriveBits(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(0),
          info: new TextEncoder().encode(`mpdcv ${purpose} cookie`),
        },
        material,
        256,
      );
      return new Uint8Array(bits);
    })();
    keys.set(cacheKey, key);
  }
  return key;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Seals `payload` until `expiresAt`. */
export async function seal(
  secret: string,
  purpose: Purpose,
  payload: JWTPayload,
  now: Date,
  expiresAt: Date,
): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(seconds(now))
    .setExpirationTime(seconds(expiresAt))
    .encrypt(await keyFor(secret, purpose));
}

export type Opened = { ok: true; payload: JWTPayload } | { ok: false; reason: 'expired' | 'invalid' };

/** Opens a sealed value as of `now` (the request's clock): expired and tampered values are told apart. */
export async function open(secret: string, purpose: Purpose, value: string, now: Date): Promise<Opened> {
  try {
    const { payload } = await jwtDecrypt(value, await keyFor(secret, purpose), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      currentDate: now,
      requiredClaims: ['iat', 'exp'],
    });
    return { ok: true, payload };
  } catch (error) {
    return { ok: false, reason: (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid' };
  }
}
