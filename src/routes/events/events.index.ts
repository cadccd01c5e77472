import { createRouter } from '../router';
import { listEventsHandler } from './events.handlers';
import { listEvents } from './events.routes';

export const eventsRouter = createRouter();
eventsRouter.openapi(listEvents, listEventsHandler);
