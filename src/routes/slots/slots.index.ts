import { createRouter } from '../../lib/router';
import { searchSlotsHandler } from './slots.handlers';
import { searchSlots } from './slots.routes';

export const slotsRouter = createRouter().openapi(searchSlots, searchSlotsHandler);
