// The identity providers the pages accept, each configured only through settings (src/env.ts):
// production points them at the real federation, `npm start` and the tests at the local twin
// (scripts/twins/oidc-provider.ts). FranceConnect signs patients in; ProConnect public agents (call
// centre, ARS); Pro Santé Connect doctors.
import type { EnvVars } from '../env';

export const PROVIDER_IDS = ['fc', 'proconnect', 'psc'] as const;
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
  /** Whether userinfo is a signed JWT (FranceConnect, ProConnect) or plain JSON (Pro Santé Connect). */
  userinfoSigned: boolean;
}

/** Caller.sub = prefix + the provider's pairwise sub, so that ids never collide across providers. */
const SUB_PREFIXES: Record<ProviderId, string> = { fc: 'fc:', proconnect: 'pc:', psc: 'psc:' };

export const providerSubPrefix = (id: ProviderId) => SUB_PREFIXES[id];

/** Subjects under these prefixes are sessions' own: an API token may not claim one. */
export const SESSION_SUB_PREFIXES: readonly string[] = Object.values(SUB_PREFIXES);

const DISCOVERY_SUFFIX = '/.well-known/openid-configuration';

type Registration = Pick<ProviderSettings, 'issuer' | 'clientId' | 'clientSecret'>;

/**
 * A provider's three settings, or undefined when one is missing: sign-in then fails closed. (A
 * plain-http discovery URL never gets here in production: the configuration refuses it, src/env.ts.)
 */
function registration(
  discovery: string | undefined,
  clientId: string | undefined,
  clientSecret: string | undefined,
): Registration | undefined {
  if (!discovery || !clientId || !clientSecret) return undefined;
  return { issuer: discovery.slice(0, -DISCOVERY_SUFFIX.length), clientId, clientSecret };
}

export function providerSettings(config: EnvVars, id: ProviderId): ProviderSettings | undefined {
  switch (id) {
    case 'fc': {
      const r = registration(config.FC_DISCOVERY_URL, config.FC_CLIENT_ID, config.FC_CLIENT_SECRET);
      // The identity pivot minus what we never keep (gender, place and country of birth).
      return (
        r && {
          id,
          name: 'FranceConnect',
          ...r,
          scope: 'openid given_name family_name birthdate email',
          acrValues: 'eidas1',
          signingAlg: 'ES256',
          userinfoSigned: true,
        }
      );
    }
    case 'proconnect': {
      const r = registration(
        config.PROCONNECT_DISCOVERY_URL,
        config.PROCONNECT_CLIENT_ID,
        config.PROCONNECT_CLIENT_SECRET,
      );
      return (
        r && {
          id,
          name: 'ProConnect',
          ...r,
          scope: 'openid given_name usual_name email uid',
          acrValues: 'eidas1',
          signingAlg: 'RS256',
          userinfoSigned: true,
        }
      );
    }
    case 'psc': {
      const r = registration(config.PSC_DISCOVERY_URL, config.PSC_CLIENT_ID, config.PSC_CLIENT_SECRET);
      return (
        r && {
          id,
          name: 'Pro Santé Connect',
          ...r,
          scope: 'openid scope_all',
          acrValues: 'eidas1',
          signingAlg: 'RS256',
          userinfoSigned: false,
        }
      );
    }
  }
}
