// A mission day or patient the doctor may not see (someone else's, or none) is not found, in the
// space's own frame: the page never says whether it exists.
import type { Context } from 'hono';
import type { AppEnv } from '../../../app-env';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';

export function dayNotFound(c: Context<AppEnv>) {
  return renderPage(
    c,
    <StaffLayout title="Journée introuvable" space="medecin" session={c.var.session!}>
      <h1>Journée introuvable</h1>
      <p class="fr-text--lead">
        Cette journée de mission ou ce rendez-vous n’existe pas, ou ne fait pas partie de vos journées.
      </p>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/medecin">
          Revenir à mes journées
        </a>
      </p>
    </StaffLayout>,
    404,
  );
}
