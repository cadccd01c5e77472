// Reads by id. Directory resources (Slot, Schedule, Location, Practitioner, PractitionerRole) are
// public like the publication, as is the StructureDefinition of the extension this API defines; an Appointment only for whoever may see the booking, as in REST.
import type { Context } from 'hono';
import { toBooking } from '../core/bookings/bookings.presenters';
import { bookingFor } from '../core/bookings/bookings.queries';
import { practitionerRow, scheduleRow, siteRow, slotRow } from '../core/publication/publication.queries';
import { notFound } from '../domain/problem';
import type { AppEnv } from '../app-env';
import { appointmentResponse } from './appointment/appointment.handlers';
import { fhirContext } from './context';
import { fhirJson } from './fhir-json';
import { isRpps, isUuid, parseScheduleId } from './ids';
import { toLocation } from './resources/location';
import { NO_OVERBILLING_ID, noOverbillingDefinition } from './resources/no-overbilling-definition';
import { toPractitioner, toPractitionerRole } from './resources/practitioner';
import { toSchedule } from './resources/schedule';
import { toSlot } from './resources/slot';
import { callerOf } from '../middleware/require-role';

type Handler = (c: Context<AppEnv>) => Promise<Response>;

const found = <T>(row: T | undefined, what: string): T => {
  if (!row) throw notFound(what);
  return row;
};

export const readSlot: Handler = async (c) => {
  const id = c.req.param('id')!;
  const row = isUuid(id) ? await slotRow(c.var.db, id, c.var.now) : undefined;
  return fhirJson(c, toSlot(found(row, 'Slot'), fhirContext(c)));
};

export const readLocation: Handler = async (c) => {
  const id = c.req.param('id')!;
  const row = isUuid(id) ? await siteRow(c.var.db, id) : undefined;
  return fhirJson(c, toLocation(found(row, 'Location'), fhirContext(c)));
};

export const readPractitioner: Handler = async (c) => {
  const id = c.req.param('id')!;
  const row = isRpps(id) ? await practitionerRow(c.var.db, id) : undefined;
  return fhirJson(c, toPractitioner(found(row, 'Practitioner')));
};

async function doctorAtSite(c: Context<AppEnv>, what: string) {
  const key = parseScheduleId(c.req.param('id')!);
  return found(key ? await scheduleRow(c.var.db, key.siteId, key.rpps) : undefined, what);
}

export const readSchedule: Handler = async (c) => fhirJson(c, toSchedule(await doctorAtSite(c, 'Schedule')));

export const readPractitionerRole: Handler = async (c) =>
  fhirJson(c, toPractitionerRole(await doctorAtSite(c, 'PractitionerRole'), fhirContext(c)));

export const readAppointment: Handler = async (c) => {
  const id = c.req.param('id')!;
  if (!isUuid(id)) throw notFound('Appointment');
  c.set('auditBookingIds', [id]);
  return appointmentResponse(c, toBooking(found(await bookingFor(c.var.db, id, callerOf(c)), 'Appointment')));
};

export const readStructureDefinition: Handler = async (c) => {
  if (c.req.param('id') !== NO_OVERBILLING_ID) throw notFound('StructureDefinition');
  return fhirJson(c, noOverbillingDefinition(fhirContext(c)));
};
