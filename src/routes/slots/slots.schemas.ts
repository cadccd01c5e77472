import { z } from '@hono/zod-openapi';
import { MAX_RANGE_DAYS } from '../../core/slots/slots.queries';
import { CalendarDate, Insee, Instant, Postcode, Siren, Timestamp, Uuid } from '../../lib/openapi';

export const DEFAULT_RANGE_DAYS = 14;

export const SlotSearchQuery = z
  .object({
    epci: Siren.optional(),
    commune: Insee.optional(),
    postcode: Postcode.optional(),
    from: Instant.optional().openapi({ description: 'Default: now.' }),
    to: Instant.optional().openapi({
      description: `Default: from + ${DEFAULT_RANGE_DAYS} days; at most ${MAX_RANGE_DAYS} days after from.`,
    }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(300).optional(),
  })
  .refine((q) => [q.epci, q.commune, q.postcode].filter(Boolean).length === 1, {
    message: 'give exactly one of epci, commune or postcode',
    path: ['epci'],
  });

export const TariffSchema = z
  .object({
    code: z.literal('G'),
    majorations: z.array(z.string()).openapi({ description: 'MEG for a child under 6 on the consultation date.' }),
    amountCents: z.number().int(),
    currency: z.literal('EUR'),
    overbilling: z.literal(false),
  })
  .openapi('Tariff', { description: 'The tarif opposable: no dépassement d’honoraires in this scheme.' });

export const SlotSiteSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    address: z.string(),
    commune: z.object({ insee: z.string(), name: z.string() }).openapi('CommuneRef'),
  })
  .openapi('SlotSite');

export const SlotSchema = z
  .object({
    id: Uuid,
    startsAt: Timestamp,
    endsAt: Timestamp,
    site: SlotSiteSchema,
    tariff: TariffSchema,
    noOverbilling: z.literal(true),
  })
  .openapi('Slot');

export const SlotPageSchema = z
  .object({
    items: z.array(SlotSchema),
    nextCursor: z.string().nullable(),
    nearbyPriorityZones: z
      .array(z.object({ siren: z.string(), name: z.string() }).openapi('EpciRef'))
      .optional()
      .openapi({
        description:
          'When the commune or postcode lies outside every priority zone: the priority zones of its département(s).',
      }),
    nextAvailable: Timestamp.nullable()
      .optional()
      .openapi({
        description: `Only when items is empty (absent otherwise): the start of the zone's first free slot after \`to\`, within ${MAX_RANGE_DAYS} days after it; null if none. Search again from there.`,
      }),
    nextMissionDay: CalendarDate.nullable()
      .optional()
      .openapi({
        description: `Only when items is empty (absent otherwise): the local date of the zone's next mission day, even a fully booked one, from \`from\` (or now) until ${MAX_RANGE_DAYS} days after \`to\`; null if none.`,
      }),
  })
  .openapi('SlotPage');
