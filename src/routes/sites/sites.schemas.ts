import { z } from '@hono/zod-openapi';
import { SITE_KINDS } from '../../domain/site-kinds';
import { Insee, Phone, Uuid, bothOrNeither } from '../../lib/openapi';

const Finess = z.string().regex(/^(\d{2}|2[AB])\d{7}$/, 'a FINESS number is 9 characters');
const Name = z.string().trim().min(1).max(200);
const Address = z.string().trim().min(1).max(300);
const Accessibility = z.string().trim().max(1000);

// Writable fields, picked explicitly: the EPCI and time zone are derived from the commune.
export const NewSiteSchema = z
  .strictObject({
    name: Name,
    address: Address,
    communeInsee: Insee,
    finess: Finess.optional(),
    kind: z.enum(SITE_KINDS),
    accessibility: Accessibility.optional(),
    phone: Phone,
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  })
  .refine((s) => (s.latitude === undefined) === (s.longitude === undefined), {
    message: 'give both latitude and longitude, or neither',
    path: ['latitude'],
  })
  .openapi('NewSite', bothOrNeither('latitude', 'longitude'));

// The commune is not editable: the site's missions and slots carry its zone and time zone. A site
// that moves is a new site. Absent fields are kept; null clears an optional one.
export const SiteChangesSchema = z
  .strictObject({
    name: Name.optional(),
    address: Address.optional(),
    finess: Finess.nullable().optional(),
    kind: z.enum(SITE_KINDS).optional(),
    accessibility: Accessibility.nullable().optional(),
    phone: Phone.optional(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
  })
  .refine((s) => Object.keys(s).length > 0, { message: 'give at least one field to change' })
  .refine(
    (s) =>
      (s.latitude === undefined) === (s.longitude === undefined) && (s.latitude === null) === (s.longitude === null),
    {
      message: 'give both latitude and longitude (or both null), or neither',
      path: ['latitude'],
    },
  )
  .openapi('SiteChanges', { ...bothOrNeither('latitude', 'longitude'), minProperties: 1 } as {});

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
