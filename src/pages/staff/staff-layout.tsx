// The frame of every staff page: the patient pages' DSFR layout, whose header names the space and
// holds the person's sign-out and the space's menu (DSFR's header navigation on a desktop; on a
// phone, a compact row of links, no burger to open: it works without JavaScript and reflows at 320 px).
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../sign-in/csrf';
import type { Session } from '../../auth/session';
import { Layout, type StaffFrame } from '../layout';
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

function SignOut({ session, compact }: { session: Session; compact?: boolean }) {
  const who =
    session.role === 'doctor'
      ? `Dr ${session.givenName} ${session.familyName}`
      : `${session.givenName} ${session.familyName}`;
  return (
    <form method="post" action="/deconnexion">
      <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
      <button type="submit" class={compact ? 'fr-btn fr-btn--sm fr-btn--tertiary' : 'fr-btn'}>
        Se déconnecter ({who})
      </button>
    </form>
  );
}

function frameOf(space: SpaceId, session: Session, current?: string): StaffFrame {
  const { name } = SPACES[space];
  const label = `Menu de l’${inSentence(SPACES[space])}`;
  const here = (href: string) => (current === href ? 'page' : undefined);
  return {
    spaceName: name,
    tools: (
      <ul class="fr-btns-group">
        <li>
          <SignOut session={session} />
        </li>
      </ul>
    ),
    menu: (
      <div class="fr-container">
        <nav class="fr-nav" role="navigation" aria-label={label}>
          <ul class="fr-nav__list">
            {NAVS[space].map((entry) => (
              <li class="fr-nav__item">
                <a class="fr-nav__link" href={entry.href} aria-current={here(entry.href)}>
                  {entry.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    ),
    // Links that wrap as words do, and the sign-out after them: a few lines, not a column of buttons.
    compact: (
      <div class="fr-py-1w">
        <nav role="navigation" aria-label={label}>
          <ul class="fr-tags-group">
            {NAVS[space].map((entry) => (
              <li>
                <a class="fr-tag" href={entry.href} aria-current={here(entry.href)}>
                  {entry.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SignOut session={session} compact />
      </div>
    ),
  };
}

export function StaffLayout({ title, space, session, current, children, scripts }: StaffLayoutProps) {
  return (
    <Layout
      title={`${title} – ${SPACES[space].name}`}
      scripts={scripts}
      styles={['/pages/staff.css']}
      staff={frameOf(space, session, current)}
    >
      {children}
    </Layout>
  );
}
