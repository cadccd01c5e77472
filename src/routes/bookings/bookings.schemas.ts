import { z } from '@hono/zod-openapi';
import { CHANNELS, BOOKING_STATUSES } from '../../db/schema';
import { LocalDate, Phone, Uuid } from '../../lib/openapi';
import { SlotSiteSchema, TariffSchema } from '../slots/slots.schemas';

const Name = z.string().trim().min(1).max(100).regex(/^[\p{L}][\p{L}\p{M} '’.-]*$/u, 'letters, spaces, hyphens and apostrophes only');

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
  .openapi('NewBooking');

export const BookingSchema = z
  .object({
    id: z.string(),
    status: z.enum(BOOKING_STATUSES),
    slot: z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string() }),
    site: SlotSiteSchema,
    missionId: z.string(),
    tariff: TariffSchema,
    noOverbilling: z.literal(true),
    channel: z.enum(CHANNELS),
    patient: z.object({ firstName: z.string(), lastName: z.string(), birthDate: z.string(), phone: z.string(), email: z.string().nullable() }),
    callReference: z.string().nullable(),
    clientId: z.string().nullable(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    cancelledBy: z.string().nullable(),
  })
  .openapi('Booking');
