import { createRouter } from '../router';
import { listBookingNotificationsHandler } from './notifications.handlers';
import { listBookingNotifications } from './notifications.routes';

// Agents' and admins' reads are audited by the bookings router's '/v1/bookings/*' middleware.
export const notificationsRouter = createRouter().openapi(listBookingNotifications, listBookingNotificationsHandler);
