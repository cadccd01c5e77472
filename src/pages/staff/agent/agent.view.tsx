// The frame and small pieces of the agents' pages: the staff layout, the call's banner, the
// hidden fields every form of a call carries, text fields (DSFR markup).
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CSRF_FIELD, csrfToken } from '../../sign-in/csrf';
import type { AppEnv } from '../../../app-env';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';
import { CALL_FIELD, inCall } from './call';

/** A page of the agents' space; `current` marks its menu entry. */
export function agentPage(
  c: Context<AppEnv>,
  title: string,
  body: Child,
  status: ContentfulStatusCode = 200,
  scripts?: string[],
) {
  const current =
    c.req.method === 'GET' && (c.req.path === '/agent' || c.req.path === '/agent/appels') && !c.req.query('appel')
      ? c.req.path
      : undefined;
  return renderPage(
    c,
    <StaffLayout title={title} space="agent" session={c.var.session!} current={current} scripts={scripts}>
      {body}
    </StaffLayout>,
    status,
  );
}

/** The CSRF token and the call's reference, in every form of a call. */
export function CallFields({ c, call }: { c: Context<AppEnv>; call: string }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)!} />
      <input type="hidden" name={CALL_FIELD} value={call} />
    </>
  );
}

/** Which call the page belongs to, and the way back to the call's start. */
export function CallBanner({ call }: { call: string }) {
  return <p class="fr-badge fr-badge--info fr-mb-2w">Appel {call}</p>;
}

export function BackToCall({ call }: { call: string }) {
  return (
    <p class="fr-mt-4w">
      <a class="fr-link" href={inCall('/agent', call)}>
        Retour à l’appel {call}
      </a>
    </p>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  autocomplete?: string;
  type?: string;
  optional?: boolean;
  maxlength?: number;
  inputmode?: 'numeric';
}

export function TextField({
  id,
  label,
  hint,
  value = '',
  error,
  autocomplete,
  type = 'text',
  optional,
  maxlength = 100,
  inputmode,
}: FieldProps) {
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {optional ? ' (facultatif)' : ' (obligatoire)'}
        {hint ? <span class="fr-hint-text">{hint}</span> : null}
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        autocomplete={autocomplete}
        maxlength={maxlength}
        inputmode={inputmode}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? 'true' : undefined}
      />
      {error ? (
        <p class="fr-error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
