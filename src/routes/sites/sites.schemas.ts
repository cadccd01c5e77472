import { z } from '@hono/zod-openapi';
import { SITE_KINDS } from '../../domain/site-kinds';
import { Insee, Phone, Uuid, bothOrNeither } from '../../lib/openapi';

// Writable fields, picked explicitly: the EPCI and time zone are derived from the commune.
export const NewSiteSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().min(1).max(300),
    communeInsee: Insee,
    finess: z
      .string()
      .regex(/^(\d{2}|2[AB])\d{7}$/, 'a FINESS number is 9 characters')
      .optional(),
    kind: z.enum(SITE_KINDS),
    accessibility: z.string().trim().max(1000).optional(),
    phone: Phone,
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  })
  .refine((s) => (s.latitude === undefined) === (s.longitude === undefined), { message: 'give both latitude and longitude, or neither', path: ['latitude'] })
  .openapi('NewSite', bothOrNeither('latitude', 'longitude'));

export const SiteSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    address: z.string(),
    commune: z.object({ insee: z.string(), name: z.string(), postcodes: z.array(z.string()) }).openapi('SiteCommune'),
    epci: z.object({ siren: z.string(), name: z.string() }).openapi('EpciRef'),
    finess: z.string().nullable(),
    kind: z.enum(SITE_KINDS),
    accessibility: z.string().nullable(),
    phone: z.string(),
    timeZone: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
  })
  .openapi('Site');
