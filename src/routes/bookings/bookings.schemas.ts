import { z } from '@hono/zod-openapi';
import { BOOKING_STATUSES } from '../../domain/booking-status';
import { CHANNELS } from '../../domain/channels';
import { ROLES } from '../../domain/roles';
import { LocalDate, Phone, Timestamp, Uuid } from '../../lib/openapi';
import { SlotSiteSchema, TariffSchema } from '../slots/slots.schemas';

const NAME = /^[\p{L}][\p{L}\p{M} '’.-]*$/u;
// The generator would print the regex with its flags (`…$/u`), which no validator accepts: give it the source.
const Name = z.string().trim().min(1).max(100).regex(NAME, 'letters, spaces, hyphens and apostrophes only').openapi({ pattern: NAME.source, example: 'Martin' });

export const PatientSchema = z
  .strictObject({
    firstName: Name,
    lastName: Name,
    birthDate: LocalDate,
    phone: Phone,
    email: z.email().max(254).optional(),
  })
  .openapi('Patient', { description: 'Minimal personal data: never a social security number.' });

// The writable fields, and nothing else: id, status, channel, owner and amounts are the server's.
export const NewBookingSchema = z
  .strictObject({
    slotId: Uuid.optional(),
    holdId: Uuid.optional(),
    patient: PatientSchema,
    noOverbilling: z.boolean().optional().openapi({ description: 'Must be true: the consultation is billed at the tarif opposable, without dépassement d’honoraires.' }),
    callReference: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/)
      .optional()
      .openapi({ description: 'Call-centre agents: the reference of the call (required for them).' }),
  })
  .refine((b) => (b.slotId === undefined) !== (b.holdId === undefined), { message: 'give exactly one of slotId or holdId', path: ['slotId'] })
  .openapi('NewBooking', { oneOf: [{ required: ['slotId'] }, { required: ['holdId'] }] });

export const BookingSchema = z
  .object({
    id: Uuid,
    status: z.enum(BOOKING_STATUSES),
    slot: z.object({ id: Uuid, startsAt: Timestamp, endsAt: Timestamp }).openapi('BookingSlot'),
    site: SlotSiteSchema,
    missionId: Uuid,
    tariff: TariffSchema,
    noOverbilling: z.literal(true),
    channel: z.enum(CHANNELS),
    patient: z.object({ firstName: z.string(), lastName: z.string(), birthDate: z.string(), phone: z.string(), email: z.string().nullable() }),
    callReference: z.string().nullable(),
    clientId: z.string().nullable(),
    createdAt: Timestamp,
    cancelledAt: Timestamp.nullable(),
    // A closed set in the contract; the presenter's type stays a string.
    cancelledBy: z.string().nullable().openapi({ enum: [...ROLES, null], description: 'The role of whoever cancelled (doctor when the mission was cancelled).' }),
    arrivedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    noShowAt: Timestamp.nullable(),
    billing: z
      .object({ acts: z.array(z.string()), billedCents: z.number().int(), overbillingCents: z.literal(0) })
      .openapi('Billing')
      .nullable()
      .openapi({ description: 'What the doctor billed on completion: always the tarif opposable.' }),
  })
  .openapi('Booking');

export const CompletionSchema = z
  .strictObject({
    acts: z
      .array(z.strictObject({ code: z.string().regex(/^[A-Z0-9]{1,8}$/, 'an act code is 1 to 8 capital letters or digits') }))
      .min(1)
      .max(10)
      .openapi({ example: [{ code: 'G' }], description: 'G, plus MEG for a patient under 6 on the consultation date. DE and DA (dépassements) are refused.' }),
    billedCents: z.number().int().min(0).max(1_000_000).openapi({ example: 3000, description: 'Must equal the tarif opposable of the acts.' }),
    overbillingCents: z.number().int().min(0).optional().openapi({ description: 'If given, must be 0.' }),
  })
  .openapi('Completion');
