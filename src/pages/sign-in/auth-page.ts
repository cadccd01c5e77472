// The sign-in's own screens (unavailable, refused, not admitted, expired, forbidden): French, one h1, a way on,
// never a stack trace, in the pages' layout (DSFR header and footer, CSP).
import type { Context } from 'hono';
import { html } from 'hono/html';
import { Layout } from '../layout';
import { pageCsp } from '../render';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../app-env';

export interface AuthPage {
  title: string;
  message: string;
  /** The way on: where it goes and what it says. */
  link: { href: string; label: string };
}

export function authPageHtml(page: AuthPage): string {
  const body = html`<h1>${page.title}</h1>
<p class="fr-text--lead">${page.message}</p>
<p><a class="fr-btn" href="${page.link.href}">${page.link.label}</a></p>`;
  return `<!DOCTYPE html>${String(Layout({ title: page.title, children: body }))}`;
}

export function renderAuthPage(c: Context, status: ContentfulStatusCode, page: AuthPage) {
  c.header('Cache-Control', 'no-store');
  c.header('Content-Security-Policy', pageCsp(c as Context<AppEnv>));
  return c.html(authPageHtml(page), status);
}

const HOME = { href: '/', label: 'Revenir à l’accueil' };

/** The screens the sign-in routes answer; `retry` is where to start again. */
export const AUTH_PAGES = {
  unavailable: {
    title: 'La connexion est momentanément indisponible',
    message:
      'Vous ne pouvez pas vous connecter pour le moment. Réessayez dans quelques minutes ou appelez le centre d’appels pour prendre rendez-vous.',
    link: HOME,
  },
  refused: (retry: string, provider = 'FranceConnect') => ({
    title: 'La connexion n’a pas abouti',
    message: `${provider} n’a pas confirmé votre identité, ou la connexion a été annulée. Vous pouvez recommencer.`,
    link: { href: retry, label: 'Recommencer la connexion' },
  }),
  notAdmitted: (provider: string) => ({
    title: 'Votre compte n’a pas accès à cet espace',
    message: `${provider} a bien confirmé votre identité, mais ce compte n’est pas autorisé ici. Les espaces professionnels sont réservés aux agents du centre d’appels et des ARS désignés par leur service, et aux médecins. Si vous pensez que c’est une erreur, adressez-vous à votre responsable.`,
    link: HOME,
  }),
  invalid: (retry: string) => ({
    title: 'La demande de connexion n’est pas valide',
    message:
      'Cette demande de connexion a expiré ou ne vient pas de ce site. Pour votre sécurité, recommencez la connexion depuis ce site.',
    link: { href: retry, label: 'Recommencer la connexion' },
  }),
  expired: (retry: string) => ({
    title: 'Votre session a expiré',
    message:
      'Pour protéger vos données, vous avez été déconnecté après un moment sans activité. Connectez-vous à nouveau pour continuer.',
    link: { href: retry, label: 'Se reconnecter' },
  }),
  noRegion: {
    title: 'Aucune région n’est attachée à votre compte',
    message:
      'Votre compte ARS est bien reconnu, mais aucune région ne lui est attribuée : vous ne pouvez rien consulter pour le moment. Demandez à l’équipe qui gère le service d’indiquer votre ou vos régions.',
    link: HOME,
  },
  forbidden: {
    title: 'Cette action n’a pas pu être vérifiée',
    message: 'Le formulaire envoyé n’est plus valide ou ne vient pas de ce site. Revenez à la page et recommencez.',
    link: HOME,
  },
} satisfies Record<string, AuthPage | ((...args: string[]) => AuthPage)>;
