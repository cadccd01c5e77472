// The medecin space's home page.
import type { Context } from 'hono';
import type { AppEnv } from '../../../lib/types';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';

export function doctorHome(c: Context<AppEnv>) {
  return renderPage(
    c,
    <StaffLayout title="Accueil" space="medecin" session={c.var.session!} current="/medecin">
      <h1>Mes journées de mission</h1>
    </StaffLayout>,
  );
}
