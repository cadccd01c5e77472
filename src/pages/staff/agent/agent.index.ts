// The call-centre console, mounted at /agent behind the staff guard (agents only; c.var.caller is
// the agent's Caller). Every page of a call carries its reference (call.ts).
import { Hono } from 'hono';
import type { AppEnv } from '../../../app-env';
import { agentAppointmentPage, agentCancelPage, agentMoveChoicePage, agentMovePage } from './appointment.page';
import { agentBookingFormPage, agentBookPage, agentExtendPage } from './booking.page';
import { callListPage, markDonePage } from './call-list.page';
import { findPage } from './find.page';
import { holdForCallerPage, slotsPage } from './slots.page';
import { agentHome } from './start.page';
import { waitlistAcceptPage, waitlistJoinPage, waitlistDeclinePage, waitlistPage } from './waitlist.page';

export const agentPages = new Hono<AppEnv>();
agentPages.get('/', agentHome);
agentPages.get('/creneaux', slotsPage);
agentPages.post('/creneaux/:slotId', holdForCallerPage);
agentPages.get('/reservation/:holdId', agentBookingFormPage);
agentPages.post('/reservation/:holdId', agentBookPage);
agentPages.post('/reservation/:holdId/prolonger', agentExtendPage);
agentPages.post('/rendez-vous/recherche', findPage);
agentPages.get('/rendez-vous/:id', agentAppointmentPage);
agentPages.post('/rendez-vous/:id/annuler', agentCancelPage);
agentPages.get('/rendez-vous/:id/deplacer', (c) => agentMoveChoicePage(c));
agentPages.post('/rendez-vous/:id/deplacer', agentMovePage);
agentPages.get('/appels', callListPage);
agentPages.post('/appels/:bookingId/fait', markDonePage);
agentPages.get('/attente', waitlistPage);
agentPages.post('/attente/inscrire', waitlistJoinPage);
agentPages.post('/attente/:id/accepter', waitlistAcceptPage);
agentPages.post('/attente/:id/refuser', waitlistDeclinePage);
