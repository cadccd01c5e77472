import { createRouter } from '../router';
import { eraseBookingsHandler } from './erasures.handlers';
import { eraseBookings } from './erasures.routes';

export const erasuresRouter = createRouter();
erasuresRouter.openapi(eraseBookings, eraseBookingsHandler);
