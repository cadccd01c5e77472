// The frame of every staff page: the patient pages' DSFR layout, with a banner under the header that
// names the space, the signed-in person and their sign-out, and the space's menu. The menu is a plain
// list of links (no burger to open): it works without JavaScript and reflows at 320 px.
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../../auth';
import type { Session } from '../../auth/session';
import { Layout } from '../layout';
import { inSentence, SPACES, type SpaceId } from './spaces';
import { NAV as AGENT_NAV } from './agent/agent.nav';
import { NAV as DOCTOR_NAV } from './doctor/doctor.nav';
import { NAV as ARS_NAV } from './ars/ars.nav';

export interface NavEntry {
  href: string;
  label: string;
}

const NAVS: Record<SpaceId, NavEntry[]> = { agent: AGENT_NAV, medecin: DOCTOR_NAV, ars: ARS_NAV };

export interface StaffLayoutProps {
  title: string;
  space: SpaceId;
  session: Session;
  /** The page's path, to mark the current menu entry. */
  current?: string;
  children: Child;
  scripts?: string[];
}

function Banner({ space, session, current }: { space: SpaceId; session: Session; current?: string }) {
  const { name } = SPACES[space];
  const who = session.role === 'doctor' ? `Dr ${session.givenName} ${session.familyName}` : `${session.givenName} ${session.familyName}`;
  return (
    <div class="fr-container fr-pt-2w staff-banner">
      <div class="fr-grid-row fr-grid-row--middle fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-8">
          <p class="fr-h6 fr-mb-0">{name}</p>
          <p class="fr-text--sm fr-mb-0">Connecté : {who}</p>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <form method="post" action="/deconnexion">
            <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
            <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm">
              Se déconnecter
            </button>
          </form>
        </div>
      </div>
      <nav role="navigation" aria-label={`Menu de l’${inSentence(SPACES[space])}`} class="fr-mt-1w">
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {NAVS[space].map((entry) => (
            <li>
              <a class={`fr-btn fr-btn--sm ${current === entry.href ? '' : 'fr-btn--secondary'}`} href={entry.href} aria-current={current === entry.href ? 'page' : undefined}>
                {entry.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

export function StaffLayout({ title, space, session, current, children, scripts }: StaffLayoutProps) {
  return (
    <Layout title={`${title} – ${SPACES[space].name}`} scripts={scripts} styles={['/pages/staff.css']} banner={<Banner space={space} session={session} current={current} />}>
      {children}
    </Layout>
  );
}
