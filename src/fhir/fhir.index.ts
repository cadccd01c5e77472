// The FHIR R4 door (/fhir): the SMART Scheduling Links publication, the CapabilityStatement, reads,
// the slot search and booking. Not in openapi.yaml: its contract is the CapabilityStatement.
import { Hono } from 'hono';
import { problem } from '../domain/problem';
import type { AppEnv } from '../app-env';
import { auditAgentAccess } from '../middleware/audit';
import { referenceRead } from '../middleware/reference-read';
import { requireRole } from '../middleware/require-role';
import {
  createAppointmentHandler,
  patchAppointmentHandler,
  readAppointmentInput,
} from './appointment/appointment.handlers';
import { bulkRouter } from './bulk/bulk.routes';
import { capabilityStatement } from './capability';
import { fhirContext } from './context';
import { fhirJson } from './fhir-json';
import {
  readAppointment,
  readLocation,
  readPractitioner,
  readPractitionerRole,
  readSchedule,
  readSlot,
  readStructureDefinition,
} from './read.handlers';
import { slotSearchHandler } from './search/slot-search.handler';

const directory = referenceRead({ cacheControl: 'public, max-age=60' });

export const fhirRouter = new Hono<AppEnv>();
fhirRouter.route('/', bulkRouter);
fhirRouter.use('/Appointment', auditAgentAccess);
fhirRouter.use('/Appointment/*', auditAgentAccess);

fhirRouter.get('/metadata', directory, (c) => fhirJson(c, capabilityStatement(fhirContext(c))));
fhirRouter.get('/Slot', slotSearchHandler);
fhirRouter.get('/Slot/:id', directory, readSlot);
fhirRouter.get('/Schedule/:id', directory, readSchedule);
fhirRouter.get('/Location/:id', directory, readLocation);
fhirRouter.get('/Practitioner/:id', directory, readPractitioner);
fhirRouter.get('/PractitionerRole/:id', directory, readPractitionerRole);
fhirRouter.get('/StructureDefinition/:id', directory, readStructureDefinition);
fhirRouter.post(
  '/Appointment',
  requireRole(['patient', 'integrator', 'agent']),
  readAppointmentInput,
  createAppointmentHandler,
);
fhirRouter.get('/Appointment/:id', requireRole(['patient', 'integrator', 'agent', 'doctor', 'admin']), readAppointment);
fhirRouter.patch(
  '/Appointment/:id',
  requireRole(['patient', 'integrator', 'agent', 'doctor', 'admin']),
  patchAppointmentHandler,
);

// Any other method on a path this door serves is an interaction it does not support: 405 with the
// Allow header (FHIR RESTful API), where an unknown path stays a 404. Registered last, so the
// routes above answer their own methods first.
const INTERACTIONS: Array<[string, string[]]> = [
  ['/metadata', ['GET']],
  ['/Slot', ['GET']],
  ...['Slot', 'Schedule', 'Location', 'Practitioner', 'PractitionerRole', 'StructureDefinition'].map(
    (type): [string, string[]] => [`/${type}/:id`, ['GET']],
  ),
  ['/Appointment', ['POST']],
  ['/Appointment/:id', ['GET', 'PATCH']],
];
for (const [path, methods] of INTERACTIONS) {
  const allow = methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', ');
  fhirRouter.all(path, (c) => {
    throw problem('method_not_allowed', `${c.req.method} is not supported here; allowed: ${allow}.`, {
      headers: { allow },
    });
  });
}
