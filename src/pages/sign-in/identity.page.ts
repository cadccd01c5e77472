// "Mon identité": who is signed in, as the provider told us, and the sign-out button (with the
// session's CSRF token). Plain markup; the pages' layout will wrap it at merge.
import { html } from 'hono/html';
import { CSRF_FIELD } from './csrf';
import type { Session } from '../../auth/session';

const PROVIDER_NAMES = { fc: 'FranceConnect', proconnect: 'ProConnect', psc: 'Pro Santé Connect' } as const;

const frenchDate = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
};

export function identityPageHtml(session: Session): string {
  return html`<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Mon identité – Un médecin près de chez vous</title></head>
<body><main>
<h1>Mon identité</h1>
<p>Vous êtes connecté avec ${PROVIDER_NAMES[session.provider]}.</p>
<dl>
<dt>Prénoms</dt><dd data-field="givenName">${session.givenName}</dd>
<dt>Nom</dt><dd data-field="familyName">${session.familyName}</dd>
${session.birthDate ? html`<dt>Date de naissance</dt><dd data-field="birthDate"><time datetime="${session.birthDate}">${frenchDate(session.birthDate)}</time></dd>` : ''}
${session.rpps ? html`<dt>Numéro RPPS</dt><dd data-field="rpps">${session.rpps}</dd>` : ''}
</dl>
<form method="post" action="/deconnexion">
<input type="hidden" name="${CSRF_FIELD}" value="${session.csrf}">
<button type="submit">Se déconnecter</button>
</form>
</main></body>
</html>`.toString();
}
