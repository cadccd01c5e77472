// A local OpenID provider (the `oidc-provider` package) playing an identity federation on
// 127.0.0.1, for `npm start` and the tests: authorization code with PKCE, state and nonce, the
// profile's scopes and claims, pairwise subjects, signed ID tokens (and userinfo where the federation
// signs it), RP-initiated logout, and a French page to pick one of the profile's demo identities (no
// password, no consent step). One twin per profile, each on its own port: FranceConnect (patients),
// ProConnect (public agents) and Pro Santé Connect (health professionals).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { html, raw } from 'hono/html';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import {
  anyDoctor,
  FRANCECONNECT_PATIENTS,
  PRO_SANTE_CONNECT_PROFESSIONALS,
  PROCONNECT_AGENTS,
  type DemoIdentity,
} from './identities';

export interface TwinProfile {
  /** What the pages call it, e.g. "FranceConnect". */
  name: string;
  /** Scope → the claims it releases (FranceConnect names most scopes after their one claim). */
  scopes: Record<string, string[]>;
  acrValues: string[];
  identities: DemoIdentity[];
  /** How the federation signs ID tokens. */
  signingAlg: 'ES256' | 'RS256';
  /** Whether userinfo comes back as a signed JWT (FranceConnect, ProConnect) or plain JSON (Pro Santé Connect). */
  userinfoSigned: boolean;
  /** Accounts beyond the list, typed into the choice page (fresh doctors for tests). */
  anyAccount?: (accountId: string) => DemoIdentity | undefined;
}

export const FRANCECONNECT: TwinProfile = {
  name: 'FranceConnect',
  scopes: {
    given_name: ['given_name'],
    family_name: ['family_name'],
    birthdate: ['birthdate'],
    gender: ['gender'],
    birthplace: ['birthplace'],
    birthcountry: ['birthcountry'],
    email: ['email'],
    profile: ['given_name', 'family_name', 'birthdate', 'gender'],
  },
  acrValues: ['eidas1'],
  identities: FRANCECONNECT_PATIENTS,
  signingAlg: 'ES256',
  userinfoSigned: true,
};

export const PROCONNECT: TwinProfile = {
  name: 'ProConnect',
  scopes: {
    given_name: ['given_name'],
    usual_name: ['usual_name'],
    email: ['email'],
    uid: ['uid'],
    siret: ['siret'],
  },
  acrValues: ['eidas1'],
  identities: PROCONNECT_AGENTS,
  signingAlg: 'RS256',
  userinfoSigned: true,
};

export const PRO_SANTE_CONNECT: TwinProfile = {
  name: 'Pro Santé Connect',
  // PSC releases the whole professional identity under one scope.
  scopes: { scope_all: ['SubjectNameID', 'preferred_username', 'given_name', 'family_name', 'SubjectRefPro'] },
  acrValues: ['eidas1'],
  identities: PRO_SANTE_CONNECT_PROFESSIONALS,
  signingAlg: 'RS256',
  userinfoSigned: false,
  anyAccount: anyDoctor,
};

export interface TwinClient {
  clientId: string;
  clientSecret: string;
  /** Each relying party's callback, e.g. PUBLIC_URL + '/connexion/retour'. */
  redirectUris: string[];
  /** Where the provider may send the browser back after sign-out, e.g. PUBLIC_URL + '/'. */
  postLogoutRedirectUris: string[];
}

export interface OidcTwinOptions {
  profile?: TwinProfile;
  client: TwinClient;
  host?: string;
  /** 0 for any free port. */
  port?: number;
}

export interface OidcTwin {
  issuer: string;
  discoveryUrl: string;
  close(): Promise<void>;
}

const page = (title: string, body: unknown) =>
  html`<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}fieldset{border:1px solid #666;padding:1rem}label{display:block;margin:.5rem 0}button{font-size:1rem;padding:.5rem 1rem;margin-top:1rem}:focus-visible{outline:3px solid #000091;outline-offset:2px}</style>
</head>
<body><main>${body}</main></body>
</html>`.toString();

function choicePage(profile: TwinProfile, uid: string, clientId: string): string {
  return page(
    `Choisir une identité de démonstration – ${profile.name} (local)`,
    html`<h1>${profile.name} (fournisseur local de démonstration)</h1>
<p>Ce fournisseur d’identité remplace ${profile.name} sur ce poste. Choisissez la personne sous l’identité de laquelle vous voulez vous connecter au service «\u00a0${clientId}\u00a0».</p>
<form method="post" action="/interaction/${uid}/login">
<fieldset><legend>Identité de démonstration</legend>
${profile.identities.map(
  (identity, index) =>
    html`<label><input type="radio" name="account" value="${identity.accountId}" ${index === 0 ? 'checked' : ''}> ${identity.label}</label>`,
)}
</fieldset>
${profile.anyAccount ? html`<p><label for="custom">Autre identifiant de démonstration (par exemple rpps-10100000001)</label><input id="custom" name="custom" autocomplete="off"></p>` : ''}
<button type="submit">Se connecter avec cette identité</button>
</form>`,
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function configuration(profile: TwinProfile, client: TwinClient, jwk: object): Configuration {
  const claims: Record<string, string[] | null> = {
    acr: null,
    auth_time: null,
    sid: null,
    openid: ['sub'],
    ...profile.scopes,
  };
  const salt = randomBytes(16).toString('hex');
  return {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: profile.signingAlg,
        ...(profile.userinfoSigned ? { userinfo_signed_response_alg: profile.signingAlg } : {}),
        subject_type: 'pairwise',
      },
    ],
    jwks: { keys: [jwk as never] },
    claims,
    scopes: ['openid', ...Object.keys(profile.scopes)],
    acrValues: profile.acrValues,
    subjectTypes: ['public', 'pairwise'],
    // As FranceConnect: each service sees its own sub for one person.
    pairwiseIdentifier: async (_ctx, accountId, c) =>
      createHash('sha256').update(`${c.sectorIdentifier}:${accountId}:${salt}`).digest('hex'),
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    findAccount: async (_ctx, accountId) => {
      const identity = identityOf(profile, accountId);
      if (!identity) return undefined;
      return { accountId, claims: async () => ({ sub: accountId, ...identity.claims }) };
    },
    // Identity claims come from userinfo, as with FranceConnect, not from the ID token.
    conformIdTokenClaims: true,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: profile.userinfoSigned },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            `Déconnexion – ${profile.name} (local)`,
            html`<h1>Se déconnecter de ${profile.name}</h1><p>Vous quittez aussi la session du fournisseur local de démonstration.</p>${raw(form)}<button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button>`,
          );
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page(
            `Déconnecté – ${profile.name} (local)`,
            html`<h1>Vous êtes déconnecté de ${profile.name}</h1>`,
          );
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        `Erreur – ${profile.name} (local)`,
        html`<h1>La connexion a échoué</h1><p>${out.error} : ${out.error_description ?? ''}</p>`,
      );
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
  };
}

const identityOf = (profile: TwinProfile, accountId: string) =>
  profile.identities.find((i) => i.accountId === accountId) ?? profile.anyAccount?.(accountId);

/** Records the login and grants every requested scope at once: the twin has no consent step. */
async function finishLogin(provider: Provider, req: IncomingMessage, res: ServerResponse, accountId: string) {
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id as string });
  grant.addOIDCScope(String(details.params.scope ?? 'openid'));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

export async function startOidcTwin(options: OidcTwinOptions): Promise<OidcTwin> {
  const profile = options.profile ?? FRANCECONNECT;
  const host = options.host ?? '127.0.0.1';
  const { privateKey } = await generateKeyPair(profile.signingAlg, { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    alg: profile.signingAlg,
    use: 'sig',
    kid: randomBytes(8).toString('hex'),
  };

  let provider: Provider | undefined;
  let handle: ReturnType<Provider['callback']> | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const route = /^\/interaction\/([\w-]+)(\/login)?$/.exec(req.url ?? '');
      try {
        if (route && req.method === 'GET' && !route[2]) {
          const details = await provider!.interactionDetails(req, res);
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(choicePage(profile, details.uid, String(details.params.client_id)));
          return;
        }
        if (route && req.method === 'POST' && route[2]) {
          const form = await readForm(req);
          const account = form.get('custom')?.trim() || (form.get('account') ?? '');
          if (!identityOf(profile, account)) {
            res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Identité inconnue.');
            return;
          }
          await finishLogin(provider!, req, res, account);
          return;
        }
        await handle!(req, res);
      } catch (error) {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`La demande a échoué : ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, configuration(profile, options.client, jwk));
  // Plain http on loopback only: no proxy headers to trust.
  provider.proxy = false;
  handle = provider.callback();
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
