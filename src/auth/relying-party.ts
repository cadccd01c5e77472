// The OpenID Connect relying party (oauth4webapi): discovery cached per isolate, the authorization
// request (code + PKCE S256, state, nonce), and the callback's checks — state, code exchange, ID
// token (issuer, audience, expiry, nonce, signature against the provider's keys), and userinfo
// (same subject; its signature too where the provider signs it). Plain http is allowed only outside production (the local twin).
import * as oauth from 'oauth4webapi';
import type { EnvVars } from '../env';
import type { ProviderSettings } from './providers';

export interface Identity {
  sub: string;
  claims: Record<string, unknown>;
  idToken: string;
}

/** What the browser carries between /connexion and /connexion/retour (sealed in the sign-in cookie). */
export interface SignInTransaction {
  state: string;
  nonce: string;
  verifier: string;
}

const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();
const jwksCaches = new Map<string, oauth.JWKSCacheInput>();

const insecureAllowed = (config: EnvVars, provider: ProviderSettings) =>
  config.ENVIRONMENT !== 'production' && provider.issuer.startsWith('http:');

const httpOptions = (config: EnvVars, provider: ProviderSettings) => ({
  [oauth.allowInsecureRequests]: insecureAllowed(config, provider),
  signal: AbortSignal.timeout(5000),
});

/** The provider's metadata; a failed fetch is forgotten so that the next request tries again. */
export function authorizationServer(config: EnvVars, provider: ProviderSettings): Promise<oauth.AuthorizationServer> {
  let metadata = discovered.get(provider.issuer);
  if (!metadata) {
    const issuer = new URL(provider.issuer);
    metadata = oauth
      .discoveryRequest(issuer, { algorithm: 'oidc', ...httpOptions(config, provider) })
      .then((response) => oauth.processDiscoveryResponse(issuer, response));
    metadata.catch(() => discovered.delete(provider.issuer));
    discovered.set(provider.issuer, metadata);
  }
  return metadata;
}

const clientOf = (provider: ProviderSettings): oauth.Client => ({
  client_id: provider.clientId,
  id_token_signed_response_alg: provider.signingAlg,
  ...(provider.userinfoSigned ? { userinfo_signed_response_alg: provider.signingAlg } : {}),
});

export const redirectUri = (config: EnvVars) => `${config.PUBLIC_URL}/connexion/retour`;

export async function authorizationUrl(
  config: EnvVars,
  provider: ProviderSettings,
): Promise<{ url: URL; transaction: SignInTransaction }> {
  const as = await authorizationServer(config, provider);
  if (!as.authorization_endpoint) throw new Error('the provider has no authorization endpoint');
  const transaction = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    verifier: oauth.generateRandomCodeVerifier(),
  };
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: redirectUri(config),
    response_type: 'code',
    scope: provider.scope,
    state: transaction.state,
    nonce: transaction.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(transaction.verifier),
    code_challenge_method: 'S256',
    ...(provider.acrValues ? { acr_values: provider.acrValues } : {}),
  }).toString();
  return { url, transaction };
}

/** Checks the callback and returns who signed in; throws oauth4webapi's errors when anything is off. */
export async function completeSignIn(
  config: EnvVars,
  provider: ProviderSettings,
  callback: URL,
  transaction: SignInTransaction,
): Promise<Identity> {
  const as = await authorizationServer(config, provider);
  const client = clientOf(provider);
  const options = httpOptions(config, provider);
  const jwks = jwksCaches.get(provider.issuer) ?? {};
  const keyOptions = { ...options, [oauth.jwksCache]: jwks };
  const params = oauth.validateAuthResponse(as, client, callback.searchParams, transaction.state);
  const tokenResponse = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.ClientSecretPost(provider.clientSecret),
    params,
    redirectUri(config),
    transaction.verifier,
    options,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse, {
    expectedNonce: transaction.nonce,
    requireIdToken: true,
  });
  await oauth.validateApplicationLevelSignature(as, tokenResponse, keyOptions);
  const idClaims = oauth.getValidatedIdTokenClaims(tokens)!;
  const userInfoResponse = await oauth.userInfoRequest(as, client, tokens.access_token, options);
  const claims = await oauth.processUserInfoResponse(as, client, idClaims.sub, userInfoResponse);
  if (provider.userinfoSigned) await oauth.validateApplicationLevelSignature(as, userInfoResponse, keyOptions);
  jwksCaches.set(provider.issuer, jwks);
  return { sub: idClaims.sub, claims, idToken: tokens.id_token! };
}

/** The provider's sign-out address for this ID token, when it has one. */
export async function endSessionUrl(
  config: EnvVars,
  provider: ProviderSettings,
  idToken: string,
): Promise<URL | undefined> {
  const as = await authorizationServer(config, provider);
  if (!as.end_session_endpoint) return undefined;
  const url = new URL(as.end_session_endpoint);
  url.search = new URLSearchParams({
    id_token_hint: idToken,
    post_logout_redirect_uri: `${config.PUBLIC_URL}/`,
    state: oauth.generateRandomState(),
  }).toString();
  return url;
}
