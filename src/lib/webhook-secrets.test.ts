import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './configuration-error';
import { newSecret, openSecret, sealSecret } from './webhook-secrets';

const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

describe('webhook secrets at rest', () => {
  it('are whsec_ and 24 random bytes, sealed with AES-GCM under the configured key, and open again', async () => {
    const secret = newSecret();
    expect(atob(secret.slice(6))).toHaveLength(24);
    const config = { WEBHOOK_SECRETS_KEY: key, ENVIRONMENT: 'production' as const };
    const sealed = await sealSecret(secret, config);
    expect(sealed).toMatch(/^gcm:/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(await sealSecret(secret, config)).not.toBe(sealed); // a fresh IV each time
    expect(await openSecret(sealed, config)).toBe(secret);
    const otherKey = btoa(String.fromCharCode(...new Uint8Array(32)));
    await expect(openSecret(sealed, { ...config, WEBHOOK_SECRETS_KEY: otherKey })).rejects.toThrow();
  });

  it('fail closed in production without a key; elsewhere they are stored unsealed', async () => {
    await expect(
      sealSecret(newSecret(), { WEBHOOK_SECRETS_KEY: undefined, ENVIRONMENT: 'production' }),
    ).rejects.toThrow(ConfigurationError);
    const plain = await sealSecret('whsec_abc', { WEBHOOK_SECRETS_KEY: undefined, ENVIRONMENT: 'development' });
    expect(plain).toBe('plain:whsec_abc');
    await expect(openSecret(plain, { WEBHOOK_SECRETS_KEY: key, ENVIRONMENT: 'production' })).rejects.toThrow(
      ConfigurationError,
    );
    expect(await openSecret(plain, { WEBHOOK_SECRETS_KEY: undefined, ENVIRONMENT: 'test' })).toBe('whsec_abc');
  });
});
