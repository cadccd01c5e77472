// The sign-in's page routes (HTML, French; not in the OpenAPI document):
//   GET  /connexion?retour=/path[&fournisseur=proconnect|psc]  → the provider's authorization page
//        (FranceConnect for patients by default; ProConnect for agents and ARS staff; Pro Santé Connect for doctors)
//   GET  /connexion/retour        → checks the answer, opens the session, back to `retour`
//   POST /deconnexion             → ends the session (CSRF-checked), then the provider's sign-out
//   GET  /moi                     → who is signed in, with the sign-out button
// Every failure is a French page with a way on; nothing here ever signs anyone in without the provider.
import { Hono, type Context } from 'hono';
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { errorSummary, log } from '../../lib/log';
import type { AppEnv } from '../../app-env';
import { clearCookie, readCookie, writeCookie } from '../../auth/cookies';
import { csrfProtection } from './csrf';
import { errorPage } from '../errors';
import { pageCsp } from '../render';
import { AUTH_PAGES, renderAuthPage } from './auth-page';
import { identityPageHtml } from './identity.page';
import { sessionIdentity } from '../../auth/identity';
import { PROVIDER_IDS, providerSettings, type ProviderId } from '../../auth/providers';
import { authorizationUrl, completeSignIn, endSessionUrl } from '../../auth/relying-party';
import { safeReturnPath, signInPath } from '../../auth/return-path';
import { open, seal } from '../../auth/sealed';
import { endSession, readSession, startSession } from '../../auth/session';

/** Long enough to pick an identity at the provider; a callback after that starts again. */
const SIGN_IN_MINUTES = 10;

const TransactionSchema = z.object({
  provider: z.enum(PROVIDER_IDS),
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  retour: z.string(),
});

/** Who signs in where: `fournisseur` names the federation, FranceConnect (patients) by default. */
const providerParam = (value: string | undefined): ProviderId | undefined =>
  value === undefined || value === '' || value === 'fc' ? 'fc' : PROVIDER_IDS.find((id) => id === value);

/** The provider and session secret, or nothing: sign-in then fails closed. */
function signInSetup(c: Context<AppEnv>, id: ProviderId = 'fc') {
  const config = c.var.config();
  const provider = providerSettings(config, id);
  return provider && config.SESSION_SECRET ? { config, provider, secret: config.SESSION_SECRET } : undefined;
}

function unavailable(c: Context<AppEnv>, reason: string, error?: unknown) {
  log('error', 'sign_in_unavailable', {
    requestId: c.var.requestId,
    reason,
    ...(error ? { error: errorSummary(error) } : {}),
  });
  return renderAuthPage(c, 503, AUTH_PAGES.unavailable);
}

export const authRouter = new Hono<AppEnv>();
// Sign-in screens are pages: whatever fails (a configuration refused, the database down) is a French page.
authRouter.onError(errorPage);

authRouter.get('/connexion', readSession, async (c) => {
  const retour = safeReturnPath(c.req.query('retour'));
  const id = providerParam(c.req.query('fournisseur'));
  if (!id) return renderAuthPage(c, 400, AUTH_PAGES.invalid(signInPath(retour)));
  const setup = signInSetup(c, id);
  if (!setup) return unavailable(c, 'not_configured');
  let request;
  try {
    request = await authorizationUrl(setup.config, setup.provider);
  } catch (error) {
    return unavailable(c, 'discovery_failed', error);
  }
  const expires = new Date(c.var.now.getTime() + SIGN_IN_MINUTES * 60_000);
  writeCookie(
    c,
    setup.config,
    'sign-in',
    await seal(
      setup.secret,
      'sign-in',
      { provider: setup.provider.id, ...request.transaction, retour },
      c.var.now,
      expires,
    ),
  );
  c.header('Cache-Control', 'no-store');
  return c.redirect(request.url.toString(), 302);
});

authRouter.get('/connexion/retour', async (c) => {
  const config = c.var.config();
  const secret = config.SESSION_SECRET;
  if (!secret) return unavailable(c, 'not_configured');
  const sealed = readCookie(c, config, 'sign-in');
  // One use: whatever happens next, this transaction is spent.
  clearCookie(c, config, 'sign-in');
  const opened = sealed ? await open(secret, 'sign-in', sealed, c.var.now) : undefined;
  const transaction = opened?.ok ? TransactionSchema.safeParse(opened.payload) : undefined;
  if (!transaction?.success) {
    log('warn', 'sign_in_refused', {
      requestId: c.var.requestId,
      reason: opened && !opened.ok ? `transaction_${opened.reason}` : 'no_transaction',
    });
    return renderAuthPage(c, 400, AUTH_PAGES.invalid(signInPath('/')));
  }
  // The provider this sign-in started with, as configured now.
  const provider = providerSettings(config, transaction.data.provider);
  if (!provider) return unavailable(c, 'not_configured');
  const { retour } = transaction.data;
  let identity;
  try {
    identity = await completeSignIn(config, provider, new URL(c.req.url), transaction.data);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      log('warn', 'sign_in_refused', { requestId: c.var.requestId, reason: 'provider_error', error: error.error });
      return renderAuthPage(c, 400, AUTH_PAGES.refused(signInPath(retour, provider.id), provider.name));
    }
    if (
      error instanceof oauth.OperationProcessingError ||
      error instanceof oauth.ResponseBodyError ||
      error instanceof oauth.WWWAuthenticateChallengeError
    ) {
      log('warn', 'sign_in_refused', {
        requestId: c.var.requestId,
        reason: 'invalid_response',
        error: (error as { code?: string }).code ?? error.name,
      });
      return renderAuthPage(c, 400, AUTH_PAGES.invalid(signInPath(retour, provider.id)));
    }
    return unavailable(c, 'provider_unreachable', error);
  }
  const admitted = sessionIdentity(provider.id, identity.claims, config);
  if (admitted === 'identity_incomplete') {
    log('warn', 'sign_in_refused', { requestId: c.var.requestId, provider: provider.id, reason: admitted });
    return renderAuthPage(c, 400, AUTH_PAGES.refused(signInPath(retour, provider.id), provider.name));
  }
  if (admitted === 'not_admitted') {
    log('warn', 'sign_in_refused', { requestId: c.var.requestId, provider: provider.id, reason: admitted });
    return renderAuthPage(c, 403, AUTH_PAGES.notAdmitted(provider.name));
  }
  await startSession(c, { provider: provider.id, sub: identity.sub, ...admitted, idToken: identity.idToken });
  log('info', 'signed_in', { requestId: c.var.requestId, provider: provider.id, role: admitted.role });
  c.header('Cache-Control', 'no-store');
  return c.redirect(retour, 303);
});

authRouter.post('/deconnexion', readSession, csrfProtection, async (c) => {
  const session = c.var.session;
  await endSession(c, session ?? null);
  c.header('Cache-Control', 'no-store');
  const setup = session && signInSetup(c, session.provider);
  if (!setup || !session.idToken) return c.redirect('/', 303);
  try {
    const url = await endSessionUrl(setup.config, setup.provider, session.idToken);
    return c.redirect(url?.toString() ?? '/', 303);
  } catch (error) {
    // Our session is over either way; the provider's may outlive it.
    log('warn', 'sign_out_provider_unreachable', { requestId: c.var.requestId, error: errorSummary(error) });
    return c.redirect('/', 303);
  }
});

authRouter.get('/moi', readSession, (c) => {
  const session = c.var.session;
  if (!session) {
    if (c.var.sessionEnded === 'expired') return renderAuthPage(c, 401, AUTH_PAGES.expired(signInPath('/moi')));
    return c.redirect(signInPath('/moi'), 303);
  }
  // A page like the others: the same CSP, whatever the identity's text holds.
  c.header('Content-Security-Policy', pageCsp(c));
  return c.html(identityPageHtml(session));
});
