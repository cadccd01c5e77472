// GET /agent/appels: the patients to phone (core openCalls): bookings cancelled or changed that no
// message could tell them of, soonest first, with what to tell them in plain words. Reading the
// list is audited like the API's (it shows patients' phones). POST /agent/appels/{bookingId}/fait
// marks a call made with its call's reference (core markCallDone, audited by its statement).
import type { Context } from 'hono';
import { auditEntry, recordAudit } from '../../../core/audit/audit.queries';
import { markCallDone } from '../../../core/notifications/call-list.operations';
import { toCall, type Call } from '../../../core/notifications/call-list.presenters';
import { openCalls } from '../../../core/notifications/call-list.queries';
import { readablePhone } from '../../../domain/phone';
import { Uuid } from '../../../lib/openapi';
import { ProblemError } from '../../../domain/problem';
import type { AppEnv } from '../../../app-env';
import { notFoundPage } from '../../errors';
import { frenchDateTime } from '../../format';
import { CSRF_FIELD, csrfToken } from '../../sign-in/csrf';
import { agentPage, TextField } from './agent.view';
import { ErrorSummary, Notice } from '../../components';
import { CALL_FIELD, CALL_REFERENCE_HINT, inCall, validCallReference } from './call';
import { callerOf } from '../../../middleware/require-role';

const PAGE_SIZE = 50;

/** What the agent tells the patient, in plain words. */
export function whatToSay({ notice, booking, site }: Call, now: Date): string {
  const when = frenchDateTime(new Date(booking.startsAt), site.timeZone, now);
  if (notice === 'doctor_change') {
    return `Votre rendez-vous du ${when} à ${site.name} (${site.commune.name}) est maintenu, avec un autre médecin volontaire : même jour, même heure, même lieu.`;
  }
  if (notice === 'change') {
    return `Votre rendez-vous a changé : il a maintenant lieu le ${when}, à ${site.name}, ${site.address}, ${site.commune.name}. Si cela ne vous convient pas, nous pouvons le déplacer ou l’annuler.`;
  }
  const why = booking.cancelledBy === 'doctor' ? ' : le médecin ne pourra pas venir ce jour-là' : '';
  return `Votre rendez-vous du ${when} à ${site.name} (${site.commune.name}) est annulé${why}. Nous pouvons vous proposer un autre créneau maintenant.`;
}

const REASONS: Record<string, string> = {
  no_channel: 'Pas de téléphone mobile ni de courriel : seul un appel peut le prévenir.',
  notice_failed: 'Le message n’a pas pu être envoyé.',
};

function CallEntry({ c, r, call, error }: { c: Context<AppEnv>; r: Call; call?: string; error?: string }) {
  const fieldId = `appel-${r.bookingId}`;
  return (
    <section class="fr-mb-6w" aria-labelledby={`patient-${r.bookingId}`}>
      <h2 class="fr-h4" id={`patient-${r.bookingId}`}>
        {r.patient.firstName} {r.patient.lastName} –{' '}
        <a href={`tel:${r.patient.phone}`}>{readablePhone(r.patient.phone)}</a>
      </h2>
      <p class="fr-text--sm">{REASONS[r.reason] ?? ''}</p>
      <div class="fr-callout fr-mb-2w">
        <h3 class="fr-callout__title fr-h6">À lui dire</h3>
        <p class="fr-callout__text">{whatToSay(r, c.var.now)}</p>
      </div>
      <form method="post" action={`/agent/appels/${r.bookingId}/fait`}>
        <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)!} />
        <TextField
          id={fieldId}
          label="Référence de l’appel passé"
          hint={CALL_REFERENCE_HINT}
          value={call}
          error={error}
          maxlength={64}
          autocomplete="off"
        />
        <button class="fr-btn fr-btn--secondary" type="submit">
          Appel fait
          <span class="fr-sr-only">
            {' '}
            à {r.patient.firstName} {r.patient.lastName}
          </span>
        </button>
      </form>
    </section>
  );
}

async function listPage(
  c: Context<AppEnv>,
  options: { call?: string; error?: { bookingId: string; message: string }; done?: boolean } = {},
) {
  const rows = (await openCalls(c.var.db, callerOf(c), c.var.now, undefined, PAGE_SIZE)).map(toCall);
  const entry = auditEntry(callerOf(c), 'call_list.read', '200', c.var.now, options.call ?? null);
  if (entry && rows.length)
    await recordAudit(
      c.var.db,
      entry,
      rows.map((r) => r.bookingId),
    );
  const faulty = options.error
    ? [{ id: `appel-${options.error.bookingId}`, label: 'Référence de l’appel passé', message: options.error.message }]
    : [];
  return agentPage(
    c,
    `${faulty.length ? 'Erreur : ' : ''}Patients à rappeler`,
    <>
      <h1>Patients à rappeler</h1>
      <ErrorSummary title="L’appel n’a pas pu être noté" fields={faulty} />
      {options.done ? <Notice kind="success">L’appel est noté comme fait.</Notice> : null}
      <p>Leur rendez-vous a été annulé ou déplacé, et aucun message n’a pu les prévenir. Les plus proches d’abord.</p>
      {rows.length === 0 ? <p>Personne à rappeler pour le moment.</p> : null}
      {rows.map((r) => (
        <CallEntry
          c={c}
          r={r}
          call={options.call}
          error={options.error?.bookingId === r.bookingId ? options.error.message : undefined}
        />
      ))}
      {options.call ? (
        <p>
          <a class="fr-link" href={inCall('/agent', options.call)}>
            Retour à l’appel {options.call}
          </a>
        </p>
      ) : null}
    </>,
    faulty.length ? 400 : 200,
  );
}

export const callListPage = (c: Context<AppEnv>) =>
  listPage(c, { call: validCallReference(c.req.query(CALL_FIELD)), done: c.req.query('fait') === '1' });

export async function markDonePage(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('bookingId'));
  if (!id.success) return notFoundPage(c);
  const form = await c.req.parseBody();
  const typed = form[`appel-${id.data}`];
  const call = typeof typed === 'string' ? validCallReference(typed) : undefined;
  if (!call)
    return listPage(c, {
      error: {
        bookingId: id.data,
        message: 'Indiquez la référence de l’appel que vous venez de passer, sans espace ni accent.',
      },
    });
  try {
    await markCallDone(c.var.db, callerOf(c), id.data, c.var.now, call);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) return notFoundPage(c);
    throw error;
  }
  return c.redirect(inCall('/agent/appels', call, { fait: '1' }), 303);
}
