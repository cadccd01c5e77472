// Every ARS page in its frame (the staff layout of the ARS space), and the refusals a page answers
// itself: a French page with the way back, never a problem+json body.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CSRF_FIELD, csrfToken } from '../../sign-in/csrf';
import type { AppEnv } from '../../../app-env';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';

export function arsPage(
  c: Context<AppEnv>,
  title: string,
  current: string | undefined,
  body: Child,
  status: ContentfulStatusCode = 200,
) {
  return renderPage(
    c,
    <StaffLayout title={title} space="ars" session={c.var.session!} current={current}>
      {body}
    </StaffLayout>,
    status,
  );
}

export function arsRefusal(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  title: string,
  text: string,
  back = { href: '/ars', label: 'Revenir au tableau de bord' },
) {
  return arsPage(
    c,
    title,
    undefined,
    <>
      <h1>{title}</h1>
      <p class="fr-text--lead">{text}</p>
      <p>
        <a class="fr-link" href={back.href}>
          {back.label}
        </a>
      </p>
    </>,
    status,
  );
}

/** The hidden field every form of a signed-in page carries. */
export const CsrfField = ({ c }: { c: Context<AppEnv> }) => (
  <input type="hidden" name={CSRF_FIELD} value={csrfToken(c) ?? ''} />
);

/** Postgres cannot store the NUL character: a field carrying one is refused with a message, before any statement. */
export const hasNul = (text: string) => text.includes('\u0000');

/** A text field of a posted form, trimmed; '' when absent or a file. */
export const formText = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string).trim() : '';
