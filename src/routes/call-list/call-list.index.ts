import { createRouter } from '../router';
import { auditAgentAccess } from '../../middleware/audit';
import { listCallsHandler, markCallDoneHandler } from './call-list.handlers';
import { listCalls, markCallDone } from './call-list.routes';

export const callListRouter = createRouter();
callListRouter.use('/v1/call-list/*', auditAgentAccess);
callListRouter.openapi(listCalls, listCallsHandler).openapi(markCallDone, markCallDoneHandler);
