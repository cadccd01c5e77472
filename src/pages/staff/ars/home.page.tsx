// The ars space's home page.
import type { Context } from 'hono';
import type { AppEnv } from '../../../lib/types';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';

export function arsHome(c: Context<AppEnv>) {
  return renderPage(
    c,
    <StaffLayout title="Accueil" space="ars" session={c.var.session!} current="/ars">
      <h1>Tableau de bord de l’ARS</h1>
    </StaffLayout>,
  );
}
