// The patient's pages, same origin as the API: French HTML rendered on the server, each step a
// link or a form. Every failure on these routes becomes a French page (errors.tsx).
import { Hono } from 'hono';
import { actAsSession, onlyPatients, readSession } from '../auth';
import { csrfProtection } from './sign-in/csrf';
import type { AppEnv } from '../app-env';
import { calendarDownload, cancelPage, confirmationPage, myAppointmentsPage } from './booking/appointments.page';
import { askCancelPage } from './booking/cancel-question.page';
import { bookPage, bookingFormPage } from './booking/form.page';
import { extendPage, holdAfterSignInPage, holdPage } from './booking/hold.page';
import {
  cancelledPage,
  linkAskCancel,
  linkCalendar,
  linkCancel,
  linkChoose,
  linkHeaders,
  linkMove,
  linkPage,
} from './booking/link.page';
import { lookupBooking, lookupForm } from './booking/lookup.page';
import { moveBookingPage, reschedulePage } from './booking/reschedule.page';
import { errorPage } from './errors';
import {
  joinFormPage,
  joinPage,
  myEntryAccept,
  myEntryDecline,
  myEntryPage,
  myEntryWithdraw,
} from './waitlist/join.page';
import {
  offerLinkAccept,
  offerLinkDecline,
  offerLinkPage,
  offerLinkWithdraw,
  withdrawnPage,
} from './waitlist/offer-link.page';
import { homePage } from './home.page';
import { legalPage } from './legal/legal.page';
import { renderPage } from './render';
import { reservePage } from './reserve.page';
import { searchPage } from './search.page';
import { agentPages } from './staff/agent/agent.index';
import { arsPages } from './staff/ars/ars.index';
import { doctorPages } from './staff/doctor/doctor.index';
import { staffOnly } from './staff/staff-guard';
import { SPACES } from './staff/spaces';

export const pagesRouter = new Hono<AppEnv>();
pagesRouter.onError(errorPage);
// Who is signed in (or nobody), and every form checked against cross-site requests: on the pages'
// own paths only, since this router is mounted at / beside the API and FHIR doors.
const PAGE_PATHS = [
  '/',
  '/recherche',
  '/reserver/*',
  '/reservation/*',
  '/rendez-vous/*',
  '/mes-rendez-vous',
  '/rdv/*',
  '/attente/*',
  '/liste-attente',
  '/liste-attente/*',
  '/mentions-legales',
  '/donnees-personnelles',
  '/accessibilite',
];
for (const path of PAGE_PATHS) pagesRouter.use(path, readSession, onlyPatients, actAsSession, csrfProtection);
// The staff spaces: each behind its own door (signed in through its federation, with its role).
for (const [id, router] of [
  ['agent', agentPages],
  ['medecin', doctorPages],
  ['ars', arsPages],
] as const) {
  // '/agent/*' matches '/agent' itself too.
  pagesRouter.use(`${SPACES[id].path}/*`, readSession, csrfProtection, staffOnly(id));
  pagesRouter.route(SPACES[id].path, router);
}
pagesRouter.get('/', (c) => homePage(c));
pagesRouter.get('/recherche', searchPage);
pagesRouter.get('/reserver/:slotId', reservePage);
pagesRouter.post('/reserver/:slotId', holdPage);
pagesRouter.get('/reserver/:slotId/garder', holdAfterSignInPage);
pagesRouter.get('/reservation/:holdId', bookingFormPage);
pagesRouter.post('/reservation/:holdId', bookPage);
pagesRouter.post('/reservation/:holdId/prolonger', extendPage);
pagesRouter.get('/rendez-vous/:id', confirmationPage);
pagesRouter.get('/rendez-vous/:id/calendrier.ics', calendarDownload);
pagesRouter.get('/rendez-vous/:id/annuler', askCancelPage);
pagesRouter.post('/rendez-vous/:id/annuler', cancelPage);
pagesRouter.get('/rendez-vous/:id/deplacer', reschedulePage);
pagesRouter.post('/rendez-vous/:id/deplacer', moveBookingPage);
pagesRouter.get('/mes-rendez-vous', myAppointmentsPage);
// Without an account: the booking's reference and birth date, or the personal link of every
// message ('/rdv/*' also matches '/rdv').
pagesRouter.get('/rdv', lookupForm);
pagesRouter.post('/rdv', lookupBooking);
pagesRouter.get('/rdv/annule', cancelledPage);
pagesRouter.use('/rdv/:token/*', linkHeaders);
pagesRouter.get('/rdv/:token', linkPage);
pagesRouter.get('/rdv/:token/calendrier.ics', linkCalendar);
pagesRouter.get('/rdv/:token/annuler', linkAskCancel);
pagesRouter.post('/rdv/:token/annuler', linkCancel);
pagesRouter.get('/rdv/:token/deplacer', linkChoose);
pagesRouter.post('/rdv/:token/deplacer', linkMove);
// The waitlist: joined from the results page (signed in), or an offer answered through the personal link of its message.
pagesRouter.get('/liste-attente', joinFormPage);
pagesRouter.post('/liste-attente', joinPage);
pagesRouter.get('/liste-attente/:id', myEntryPage);
pagesRouter.post('/liste-attente/:id/accepter', myEntryAccept);
pagesRouter.post('/liste-attente/:id/refuser', myEntryDecline);
pagesRouter.post('/liste-attente/:id/quitter', myEntryWithdraw);
pagesRouter.get('/attente/quitte', withdrawnPage);
pagesRouter.use('/attente/:token/*', linkHeaders);
pagesRouter.get('/attente/:token', offerLinkPage);
pagesRouter.post('/attente/:token/accepter', offerLinkAccept);
pagesRouter.post('/attente/:token/refuser', offerLinkDecline);
pagesRouter.post('/attente/:token/quitter', offerLinkWithdraw);
for (const path of ['/mentions-legales', '/donnees-personnelles', '/accessibilite'] as const) {
  pagesRouter.get(path, (c) => renderPage(c, legalPage(path)));
}
