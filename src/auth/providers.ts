// The identity providers the pages accept, each configured only through settings (src/env.ts):
// production points them at the real federation, `npm start` and the tests at the local twin
// (scripts/twins/oidc-provider.ts). ProConnect and Pro Santé Connect will be further entries.
import type { EnvVars } from '../env';

export const PROVIDER_IDS = ['fc'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderSettings {
  id: ProviderId;
  /** Shown to people: "FranceConnect". */
  name: string;
  /** The issuer; its discovery document is issuer + /.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  acrValues?: string;
  /** Algorithms the provider signs ID tokens and userinfo with (FranceConnect v2: ES256). */
  signingAlg: string;
}

/** Caller.sub = prefix + the provider's pairwise sub, so that ids never collide across providers. */
const SUB_PREFIXES: Record<ProviderId, string> = { fc: 'fc:' };

export const providerSubPrefix = (id: ProviderId) => SUB_PREFIXES[id];

const DISCOVERY_SUFFIX = '/.well-known/openid-configuration';

/** FranceConnect, or undefined when a setting is missing or unsafe: sign-in then fails closed. */
function franceConnect(config: EnvVars): ProviderSettings | undefined {
  const { FC_DISCOVERY_URL: discovery, FC_CLIENT_ID: clientId, FC_CLIENT_SECRET: clientSecret } = config;
  if (!discovery || !clientId || !clientSecret) return undefined;
  // Production talks to the provider over TLS only; plain http is for the local twin.
  if (config.ENVIRONMENT === 'production' && !discovery.startsWith('https://')) return undefined;
  return {
    id: 'fc',
    name: 'FranceConnect',
    issuer: discovery.slice(0, -DISCOVERY_SUFFIX.length),
    clientId,
    clientSecret,
    // The identity pivot minus what we never keep (gender, place and country of birth).
    scope: 'openid given_name family_name birthdate email',
    acrValues: 'eidas1',
    signingAlg: 'ES256',
  };
}

export function providerSettings(config: EnvVars, id: ProviderId): ProviderSettings | undefined {
  switch (id) {
    case 'fc':
      return franceConnect(config);
  }
}
