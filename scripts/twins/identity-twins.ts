// The three identity federations the pages use, as local twins registered with one worker: the
// worker's settings to reach them, and one close(). Used by `npm start`, the tests' global setup
// and the browser harness, so that all three run the same way everywhere.
import { randomBytes } from 'node:crypto';
import {
  FRANCECONNECT,
  PRO_SANTE_CONNECT,
  PROCONNECT,
  startOidcTwin,
  type OidcTwin,
  type TwinProfile,
} from './oidc-provider';

export interface IdentityTwins {
  /** FC_*, PROCONNECT_* and PSC_* settings, plus the staff allow-lists naming the demo accounts. */
  vars: Record<string, string>;
  close(): Promise<void>;
}

const FEDERATIONS: { prefix: string; profile: TwinProfile }[] = [
  { prefix: 'FC', profile: FRANCECONNECT },
  { prefix: 'PROCONNECT', profile: PROCONNECT },
  { prefix: 'PSC', profile: PRO_SANTE_CONNECT },
];

/**
 * Which demo ProConnect accounts may act as agents and ARS staff (pc-stranger-1 is on neither list),
 * and the ARS staff's regions: Occitanie, Nouvelle-Aquitaine, the whole country, and none at all
 * (refused, as national is never a default).
 */
export const DEMO_STAFF_ACCOUNTS = {
  AGENT_ACCOUNTS: '@appel.sante.gouv.fr',
  ARS_ACCOUNTS:
    'claire.lefevre@ars.sante.fr=76, hugo.lambert@ars.sante.fr=75, sophie.blanc@sante.gouv.fr=national, lea.marchal@ars.sante.fr',
};

/**
 * Starts the twins with `publicUrl`'s callback registered. `ports` fixes each twin's port (0 or
 * absent: any free one), in the order FranceConnect, ProConnect, Pro Santé Connect.
 */
export async function startIdentityTwins(
  publicUrl: string,
  options: { clientPrefix: string; ports?: number[] },
): Promise<IdentityTwins> {
  const twins: OidcTwin[] = [];
  const vars: Record<string, string> = { ...DEMO_STAFF_ACCOUNTS };
  try {
    for (const [index, { prefix, profile }] of FEDERATIONS.entries()) {
      const client = {
        clientId: `${options.clientPrefix}-${prefix.toLowerCase()}`,
        clientSecret: randomBytes(24).toString('base64url'),
      };
      const twin = await startOidcTwin({
        profile,
        client: {
          ...client,
          redirectUris: [`${publicUrl}/connexion/retour`],
          postLogoutRedirectUris: [`${publicUrl}/`],
        },
        port: options.ports?.[index] ?? 0,
      });
      twins.push(twin);
      Object.assign(vars, {
        [`${prefix}_DISCOVERY_URL`]: twin.discoveryUrl,
        [`${prefix}_CLIENT_ID`]: client.clientId,
        [`${prefix}_CLIENT_SECRET`]: client.clientSecret,
      });
    }
  } catch (error) {
    await Promise.all(twins.map((t) => t.close()));
    throw error;
  }
  return { vars, close: async () => void (await Promise.all(twins.map((t) => t.close()))) };
}
