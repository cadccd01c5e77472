// The doctor's pages, mounted at /medecin behind the staff guard (c.var.caller is the doctor, with
// their RPPS): every read and change is scoped to the doctor's own missions by the core.
import { Hono } from 'hono';
import type { AppEnv } from '../../../app-env';
import {
  arrivalPage,
  checkInPage,
  checkOutFormPage,
  checkOutPage,
  consultationFormPage,
  consultationPage,
  dayPage,
  noShowPage,
  todayPage,
  undoPage,
} from './day.page';
import {
  offerConfirmPage,
  offerPage,
  openDaysPage,
  takeOverConfirmPage,
  takeOverPage,
  withdrawOfferPage,
} from './handover.page';
import { indemnitiesCsv, indemnitiesPage } from './indemnities.page';
import { cancelConfirmPage, cancelPage, declareFormPage, declarePage, missionsPage } from './missions.page';

export const doctorPages = new Hono<AppEnv>();
doctorPages.get('/', missionsPage);
doctorPages.get('/journees/nouvelle', declareFormPage);
doctorPages.post('/journees/nouvelle', declarePage);
doctorPages.get('/journees/:id/annuler', cancelConfirmPage);
doctorPages.post('/journees/:id/annuler', cancelPage);
doctorPages.get('/journees/:id/proposer', offerConfirmPage);
doctorPages.post('/journees/:id/proposer', offerPage);
doctorPages.post('/journees/:id/retirer-proposition', withdrawOfferPage);
doctorPages.get('/journees-ouvertes', openDaysPage);
doctorPages.get('/journees-ouvertes/:id', takeOverConfirmPage);
doctorPages.post('/journees-ouvertes/:id', takeOverPage);
doctorPages.get('/aujourdhui', todayPage);
doctorPages.get('/journees/:id', dayPage);
doctorPages.post('/journees/:id/arrivee', checkInPage);
doctorPages.get('/journees/:id/depart', checkOutFormPage);
doctorPages.post('/journees/:id/depart', checkOutPage);
doctorPages.post('/journees/:id/patients/:bookingId/arrivee', arrivalPage);
doctorPages.post('/journees/:id/patients/:bookingId/absent', noShowPage);
doctorPages.post('/journees/:id/patients/:bookingId/annuler', undoPage);
doctorPages.get('/journees/:id/patients/:bookingId/consultation', consultationFormPage);
doctorPages.post('/journees/:id/patients/:bookingId/consultation', consultationPage);
doctorPages.get('/indemnites', indemnitiesPage);
doctorPages.get('/indemnites.csv', indemnitiesCsv);
