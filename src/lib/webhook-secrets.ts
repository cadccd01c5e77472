// Webhook signing secrets: `whsec_` + base64 of 24 random bytes (the Standard Webhooks format),
// shown once to the integrator and stored sealed with AES-256-GCM under WEBHOOK_SECRETS_KEY.
// Stored form: `gcm:<base64 iv>:<base64 ciphertext>`, or `plain:<secret>` outside production when
// no key is configured.
import { ConfigurationError } from './configuration-error';

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unbase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function newSecret(): string {
  return `whsec_${base64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** The two settings sealing reads (src/env.ts). */
type KeyConfig = { WEBHOOK_SECRETS_KEY?: string | undefined; ENVIRONMENT: string };

const keys = new Map<string, Promise<CryptoKey>>();

/** The sealing key, or null where secrets may be stored unsealed; fails closed in production. */
function sealingKey(config: KeyConfig): Promise<CryptoKey> | null {
  const raw = config.WEBHOOK_SECRETS_KEY;
  if (!raw) {
    if (config.ENVIRONMENT === 'production') throw new ConfigurationError('WEBHOOK_SECRETS_KEY');
    return null;
  }
  let key = keys.get(raw);
  if (!key)
    keys.set(raw, (key = crypto.subtle.importKey('raw', unbase64(raw), 'AES-GCM', false, ['encrypt', 'decrypt'])));
  return key;
}

export async function sealSecret(secret: string, config: KeyConfig): Promise<string> {
  const key = sealingKey(config);
  if (!key) return `plain:${secret}`;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await key, new TextEncoder().encode(secret));
  return `gcm:${base64(iv)}:${base64(new Uint8Array(sealed))}`;
}

export async function openSecret(stored: string, config: KeyConfig): Promise<string> {
  if (stored.startsWith('plain:')) {
    if (config.ENVIRONMENT === 'production')
      throw new ConfigurationError('WEBHOOK_SECRETS_KEY (an unsealed secret in production)');
    return stored.slice('plain:'.length);
  }
  const key = sealingKey(config);
  if (!key) throw new ConfigurationError('WEBHOOK_SECRETS_KEY (needed to open a sealed secret)');
  const [, iv, data] = stored.split(':');
  const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unbase64(iv) }, await key, unbase64(data));
  return new TextDecoder().decode(opened);
}
