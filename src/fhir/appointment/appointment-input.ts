// What a FHIR client sends to book: an Appointment with the patient contained, one slot referenced
// and the no-overbilling extension; read into the same BookingRequest the REST door builds, with
// the same patient rules (PatientSchema). Fields are named by their FHIR path in refusals.
import { z } from 'zod';
import type { BookingRequest } from '../../core/bookings/bookings.operations';
import { problem, validationFailed } from '../../domain/problem';
import { PatientSchema } from '../../core/bookings/patient-input';
import { noOverbillingExtension } from '../profiles';

const SLOT_REFERENCE = /^Slot\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const Telecom = z.object({ system: z.string().max(20), value: z.string().max(254) });
const ContainedPatient = z.looseObject({
  resourceType: z.literal('Patient'),
  name: z
    .array(z.looseObject({ family: z.string().max(100), given: z.array(z.string().max(100)).min(1).max(3) }))
    .min(1)
    .max(3),
  birthDate: z.string().max(10),
  telecom: z.array(Telecom).min(1).max(5),
});
const AppointmentInput = z.looseObject({
  resourceType: z.literal('Appointment'),
  status: z.enum(['proposed', 'pending', 'booked']).optional(),
  slot: z
    .array(z.object({ reference: z.string().regex(SLOT_REFERENCE, 'Slot/<id> of a slot this API published') }))
    .length(1),
  contained: z.array(ContainedPatient).length(1),
  extension: z
    .array(z.looseObject({ url: z.string().max(300), valueBoolean: z.boolean().optional() }))
    .max(10)
    .optional(),
});

const FHIR_FIELD: Record<string, string> = {
  firstName: 'Appointment.contained[0].name[0].given',
  lastName: 'Appointment.contained[0].name[0].family',
  birthDate: 'Appointment.contained[0].birthDate',
  phone: "Appointment.contained[0].telecom.where(system='phone')",
  email: "Appointment.contained[0].telecom.where(system='email')",
};

/** A zod path as FHIRPath: Appointment.slot[0].reference. */
const fhirPath = (path: PropertyKey[]) =>
  path.reduce<string>(
    (out, step) => (typeof step === 'number' ? `${out}[${step}]` : `${out}.${String(step)}`),
    'Appointment',
  );

const issues = (error: z.ZodError, name: (path: PropertyKey[]) => string) =>
  error.issues.map((i) => ({ field: name(i.path), message: i.message }));

/** The booking a FHIR Appointment asks for; a 400 listing each offending field otherwise. */
export function bookingRequestOf(body: unknown, fhirBase: string, callReference: string | undefined): BookingRequest {
  const parsed = AppointmentInput.safeParse(body);
  if (!parsed.success) throw validationFailed(issues(parsed.error, fhirPath));
  const {
    contained: [patient],
    slot: [slot],
    extension,
  } = parsed.data;
  const phone = patient.telecom.find((t) => t.system === 'phone')?.value;
  const email = patient.telecom.find((t) => t.system === 'email')?.value;
  const person = PatientSchema.safeParse({
    firstName: patient.name[0].given.join(' '),
    lastName: patient.name[0].family,
    birthDate: patient.birthDate,
    phone: phone ?? '',
    ...(email ? { email } : {}),
  });
  if (!person.success)
    throw validationFailed(issues(person.error, (path) => FHIR_FIELD[String(path[0])] ?? 'Appointment.contained[0]'));
  const agreed = extension?.find((e) => e.url === noOverbillingExtension(fhirBase))?.valueBoolean;
  return {
    slotId: SLOT_REFERENCE.exec(slot.reference)![1],
    patient: person.data,
    ...(agreed === undefined ? {} : { noOverbilling: agreed }),
    ...(callReference === undefined ? {} : { callReference }),
  };
}

/** PATCH: one JSON Patch operation, the status to cancelled; anything else is refused. */
export function isCancellation(body: unknown): boolean {
  if (!Array.isArray(body) || body.length !== 1) return false;
  const [op] = body as Array<Record<string, unknown>>;
  return op?.op === 'replace' && op.path === '/status' && op.value === 'cancelled';
}

export const unsupportedChange = () =>
  problem(
    'unsupported_change',
    'An Appointment changes only by cancellation: a JSON Patch [{"op":"replace","path":"/status","value":"cancelled"}].',
  );

/** The body as JSON, or a 400 bad_request (never a 500). */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.clone().json();
  } catch {
    throw problem('bad_request', 'The body is not JSON.');
  }
}
