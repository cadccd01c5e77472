// Shared OpenAPI pieces: the problem schema, error responses and cursor pagination.
import { z } from '@hono/zod-openapi';
import { ProblemError } from './problem';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ description: 'Stable machine-readable error code.', example: 'slot_unavailable' }),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'For validation_failed: each offending field.' }),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (validation_failed, bad_request)',
  401: 'Missing or invalid token',
  403: 'The caller’s role may not do this',
  404: 'Not found (or not yours)',
  409: 'Conflict with the current state',
  413: 'Body too large',
  422: 'Well-formed but breaks a rule of the scheme',
  429: 'Rate limited',
  503: 'Database unavailable',
};

export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    [...new Set([400, 503, ...statuses])].map((s) => [s, { description: ERROR_DESCRIPTIONS[s] ?? 'Error', content: problemContent }]),
  );
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ example: 50 }),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page.' }),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Cursors are opaque to clients: base64url of a JSON array of the sort key of the last item. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return btoa(JSON.stringify(key)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// What each part of a sort key may be. A cursor is client input: a value Postgres cannot cast
// (e.g. "not-a-date"::timestamptz) would otherwise fail the query with a 500.
const roundTrips = (v: string, iso: string) => {
  const t = new Date(iso);
  return !Number.isNaN(t.getTime()) && t.toISOString() === iso && !v.startsWith('0000');
};
const CURSOR_PARTS = {
  /** An instant as toISOString() writes it (year 0000 is not one Postgres accepts). */
  instant: (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && roundTrips(v, v),
  date: (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && roundTrips(v, `${v}T00:00:00.000Z`),
  uuid: (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  siren: (v: string) => /^\d{9}$/.test(v),
};
export type CursorPart = keyof typeof CURSOR_PARTS;

/** The sort key a cursor carries, each part checked against `parts`; 400 invalid_cursor otherwise. */
export function decodeCursor<const P extends readonly CursorPart[]>(cursor: string | undefined, parts: P): { -readonly [I in keyof P]: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (Array.isArray(key) && key.length === parts.length && key.every((k, i) => typeof k === 'string' && CURSOR_PARTS[parts[i]](k))) {
      return key as { -readonly [I in keyof P]: string };
    }
  } catch {
    // fall through to the problem below
  }
  throw new ProblemError(400, 'invalid_cursor', 'Invalid cursor', 'The cursor is not one this API returned.');
}

export const Siren = z
  .string()
  .regex(/^\d{9}$/, 'an EPCI SIREN is 9 digits')
  .openapi({ example: '200035541', description: 'EPCI SIREN (9 digits)' });

export const Insee = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'an INSEE commune code is 5 characters (2A/2B for Corsica)'))
  .openapi({ type: 'string', example: '40227', description: 'INSEE commune code' });

export const Postcode = z.string().regex(/^\d{5}$/, 'a postcode is 5 digits').openapi({ example: '40410' });

export const Uuid = z.uuid().openapi({ example: '0196f1c2-5b7e-7a4e-9c1d-3f2b8e6a1d20' });

/** HH:MM on the 24-hour clock. */
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time is HH:MM (00:00 to 23:59)')
  .openapi({ example: '09:00' });

export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  // Year 0000 is a date to JavaScript, not to Postgres.
  .refine((d) => !d.startsWith('0000') && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date')
  .openapi({ example: '2026-12-15' });

/** French phone numbers: national (0X XX XX XX XX) or international (+33…, +262…), separators allowed. */
export const Phone = z
  .string()
  .max(30)
  .transform((p) => p.replace(/[\s.\-()]/g, ''))
  .pipe(z.string().regex(/^(0\d{9}|\+\d{8,15})$/, 'a phone number is 0X XX XX XX XX or +CC…'))
  .openapi({ type: 'string', example: '05 58 00 00 00' });

/** A JSON response of a route definition. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
