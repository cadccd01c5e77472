// Shared OpenAPI pieces: the problem schema, error responses and cursor pagination.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { problem } from '../domain/problem';
import { PROBLEM_CODES } from '../domain/problems';

/**
 * A value of a set that grows within /v1 (problem codes, booking statuses, event types), published
 * as x-extensible-enum rather than enum: a client generated from the contract must keep a value it
 * does not know yet, not fail on it (docs/integrators.md, Versioning). Inputs keep a closed enum.
 */
export function extensibleEnum(values: readonly [string, ...string[]], description: string, name?: string) {
  const metadata = { 'x-extensible-enum': [...values], example: values[0], description };
  // Named in one call: a description added to a named schema afterwards is published as an allOf.
  return name ? z.string().openapi(name, metadata) : z.string().openapi(metadata);
}

const FieldErrorSchema = z.object({ field: z.string(), message: z.string() }).openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({
      format: 'uri-reference',
      example: '/problems/slot_unavailable',
      description: 'Resolves, against the request URL, to a page explaining the code.',
    }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: extensibleEnum(
      PROBLEM_CODES,
      'Stable machine-readable error code (the catalogue: /problems). New codes may appear within /v1: act on one you do not know by its HTTP status.',
    ).openapi({ example: 'slot_unavailable' }),
    instance: z.string().optional(),
    errors: z
      .array(FieldErrorSchema)
      .optional()
      .openapi({ description: 'For validation_failed: each offending field.' }),
  })
  .openapi('Problem', {
    description: 'RFC 9457 problem details; title and detail follow Accept-Language (French or English).',
  });

type Header = { description: string; schema: { type: 'string' | 'integer'; minimum?: number; enum?: string[] } };

const header = (description: string, type: 'string' | 'integer' = 'string'): Header => ({
  description,
  schema: type === 'integer' ? { type, minimum: 0 } : { type },
});

const CONTENT_LANGUAGE = {
  'Content-Language': {
    description: 'fr or en, after Accept-Language.',
    schema: { type: 'string' as const, enum: ['fr', 'en'] },
  },
};
const RETRY_AFTER = {
  'Retry-After': header('Seconds to wait before retrying: your turn in line, not a fixed delay.', 'integer'),
};
export const RATE_LIMIT_HEADERS = {
  RateLimit: header(
    'On rate-limited operations: remaining quota of the tightest bucket (IETF httpapi RateLimit header draft).',
  ),
  'RateLimit-Policy': header(
    'On rate-limited operations: the buckets that apply, burst `q` over the `w` seconds it takes to refill.',
  ),
};

/** Each error status is one named response in components/responses. */
const ERRORS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Malformed request (validation_failed, bad_request…)' },
  401: { name: 'Unauthorized', description: 'Missing or invalid token' },
  403: { name: 'Forbidden', description: 'The caller’s role may not do this' },
  404: { name: 'NotFound', description: 'Not found (or not yours)' },
  409: { name: 'Conflict', description: 'Conflict with the current state' },
  413: { name: 'PayloadTooLarge', description: 'Body too large (over 16 KiB)' },
  422: { name: 'UnprocessableContent', description: 'Well-formed but breaks a rule of the scheme' },
  429: { name: 'TooManyRequests', description: 'Rate limited: retry after Retry-After seconds' },
  500: { name: 'InternalError', description: 'Unexpected error (logged)' },
  503: {
    name: 'ServiceUnavailable',
    description:
      'Unavailable (database, configuration or identity provider); retry after Retry-After seconds when given',
  },
};

const ERROR_HEADERS: Record<number, Record<string, Header>> = {
  401: { 'WWW-Authenticate': header('Bearer, with error="invalid_token" when a token was refused.') },
  429: { ...RETRY_AFTER, ...RATE_LIMIT_HEADERS },
  503: RETRY_AFTER,
};

const REQUEST_ID = { $ref: '#/components/headers/RequestId' };

/**
 * Every response carries X-Request-Id (the requestId middleware, first in the chain): one header
 * component, referenced from every response of every operation, problems included.
 */
export function withRequestIdHeader<
  D extends { paths?: Record<string, unknown>; components?: { headers?: Record<string, unknown> } },
>(document: D): D {
  document.components = {
    ...document.components,
    headers: {
      ...document.components?.headers,
      RequestId: {
        description:
          'Identifies this request in our logs: quote it when reporting a problem. Echoes the X-Request-Id you sent if it is 1 to 255 letters, digits, `_`, `-` or `=`; a new UUID otherwise.',
        schema: { type: 'string', maxLength: 255, example: '0b6e2f1c-3d4a-4c5b-8e9f-7a1b2c3d4e5f' },
      },
    },
  };
  type Response = { $ref?: string; headers?: Record<string, unknown> };
  for (const item of Object.values(document.paths ?? {}) as Record<
    string,
    { responses?: Record<string, Response> }
  >[]) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values(operation.responses ?? {})) {
        // Named responses (problems) declare it once in components/responses.
        if (!response.$ref) response.headers = { ...response.headers, 'X-Request-Id': REQUEST_ID };
      }
    }
  }
  return document;
}

/** Problem responses: 400, 500 and 503 can happen anywhere; list the others the operation answers. */
export function errorResponses(...statuses: (keyof typeof ERRORS)[]) {
  return Object.fromEntries(
    [...new Set([400, 500, 503, ...statuses])].map((s) => [s, { $ref: `#/components/responses/${ERRORS[s].name}` }]),
  );
}

/** Registers the Problem schema and one named response per error status (see errorResponses). */
export function registerProblemComponents(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.register('Problem', ProblemSchema);
  for (const [status, { name, description }] of Object.entries(ERRORS)) {
    registry.registerComponent('responses', name, {
      description,
      // Rate-limited operations send their quota on refusals too.
      headers: {
        'X-Request-Id': REQUEST_ID,
        ...CONTENT_LANGUAGE,
        ...RATE_LIMIT_HEADERS,
        ...ERROR_HEADERS[Number(status)],
      },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  }
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ example: 50 }),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the previous page.' }),
});

/** A page of items, named in the contract (e.g. ZonePage). */
export const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

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
  /** A transaction id (xid8), below 2^63 so that Postgres casts it. */
  xid: (v: string) => /^\d{1,19}$/.test(v) && BigInt(v) < 2n ** 63n,
};
export type CursorPart = keyof typeof CURSOR_PARTS;

/** The sort key a cursor carries, each part checked against `parts`; 400 invalid_cursor otherwise. */
export function decodeCursor<const P extends readonly CursorPart[]>(
  cursor: string | undefined,
  parts: P,
): { -readonly [I in keyof P]: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      key.every((k, i) => typeof k === 'string' && CURSOR_PARTS[parts[i]](k))
    ) {
      return key as { -readonly [I in keyof P]: string };
    }
  } catch {
    // fall through to the problem below
  }
  throw problem('invalid_cursor', 'The cursor is not one this API returned.');
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

export const Postcode = z
  .string()
  .regex(/^\d{5}$/, 'a postcode is 5 digits')
  .openapi({ example: '40410' });

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
  .refine(
    (d) =>
      !d.startsWith('0000') &&
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  )
  .openapi({ example: '2026-12-15' });

/** French phone numbers: national (0X XX XX XX XX) or international (+33…, +262…), separators allowed. */
export const Phone = z
  .string()
  .max(30)
  .transform((p) => p.replace(/[\s.\-()]/g, ''))
  .pipe(z.string().regex(/^(0\d{9}|\+\d{8,15})$/, 'a phone number is 0X XX XX XX XX or +CC…'))
  .openapi({ type: 'string', example: '05 58 00 00 00' });

/**
 * "Give both, or neither": JSON Schema's dependentRequired. The metadata type does not list it; the
 * generator copies it through.
 */
export const bothOrNeither = (a: string, b: string) => ({ dependentRequired: { [a]: [b], [b]: [a] } }) as {};

/** Instants in requests: ISO 8601 with an offset (Z included). */
export const Instant = z.iso
  .datetime({ offset: true })
  // Year 0000 is a date to JavaScript, not to Postgres.
  .refine((t) => !t.startsWith('0000'), 'not a date Postgres knows (year 0000)')
  .openapi({ example: '2026-12-15T09:00:00+01:00', description: 'ISO 8601 date-time with offset' });

/** Instants in responses: ISO 8601 with an offset. */
export const Timestamp = z.string().openapi({ format: 'date-time', example: '2026-12-15T09:00:00+01:00' });

/** Calendar dates in responses, in the site's time zone. */
export const CalendarDate = z.string().openapi({ format: 'date', example: '2026-12-15' });

/** A JSON response of a route definition, with the headers it carries. */
export const json = <T extends z.ZodType>(schema: T, description: string, headers: Record<string, Header> = {}) => ({
  description,
  ...(Object.keys(headers).length ? { headers } : {}),
  content: { 'application/json': { schema } },
});

/** 201: the new resource, and where it lives. */
export const created = <T extends z.ZodType>(schema: T, description: string, headers: Record<string, Header> = {}) =>
  json(schema, description, { Location: header('The URL of the new resource.'), ...headers });

export const IDEMPOTENT_REPLAYED = {
  'Idempotent-Replayed': header(
    'true when this is the stored answer to an earlier request with the same Idempotency-Key.',
  ),
};

/** Reference data that anonymous callers may cache and revalidate (ETag, If-None-Match → 304). */
export const CACHE_HEADERS = {
  ETag: header('Validator of the representation; send it back in If-None-Match.'),
  'Cache-Control': header('How long the representation may be reused.'),
};

/** For reads that answer 304 to a matching If-None-Match. */
export const notModified = {
  304: { description: 'Not modified since the ETag sent in If-None-Match', headers: { ETag: CACHE_HEADERS.ETag } },
};
