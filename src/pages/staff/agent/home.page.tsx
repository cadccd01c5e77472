// The agent space's home page.
import type { Context } from 'hono';
import type { AppEnv } from '../../../lib/types';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';

export function agentHome(c: Context<AppEnv>) {
  return renderPage(
    c,
    <StaffLayout title="Accueil" space="agent" session={c.var.session!} current="/agent">
      <h1>Centre d’appels</h1>
    </StaffLayout>,
  );
}
