// The properties every operation keeps, whatever it is sent: never a 5xx; every error is
// problem+json with a catalogued code and its own status; a 4xx changes no row (a staff member's
// refused action writes only its audit row, which names the refusal).
import { expect } from 'vitest';
import { createApp, openApiDocument } from '../../src/app';
import { problemEntry } from '../../src/domain/problems';
import {
  encode,
  fc,
  forgedIds,
  generator,
  hostile,
  hostileCursor,
  hostileString,
  idempotencyKeys,
  operationsOf,
  rawBodies,
  type Doc,
  type Hints,
  type Operation,
} from './arbitraries';
import { rowsReader, type Rows } from './rows';
import type { World } from './world';

export const SEED = 20261129;
/**
 * 200 per operation with the fixed seed in `npm test` and CI; `npm run test:fuzz` runs 1,000
 * (VITE_FUZZ_RUNS sets any other count).
 */
export const RUNS = Number(
  (import.meta as unknown as { env: Record<string, string | undefined> }).env.VITE_FUZZ_RUNS ?? 200,
);

/** Every code an answer carries is in the one catalogue (src/domain/problems.ts). */
export function isCataloguedCode(code: unknown): boolean {
  return typeof code === 'string' && problemEntry(code) !== undefined;
}

export const document = openApiDocument(createApp()) as unknown as Doc;
export const operations = operationsOf(document);

/**
 * The file that fuzzes each operation: every operation of the document belongs to one. Coverage has
 * a file of its own: its national figures take about a quarter of a second a request, as long as
 * the rest of the zones' group together, and files run in parallel.
 */
export const groupOf = (op: Operation) =>
  /^\/v1\/(bookings)/.test(op.path)
    ? 'bookings'
    : /^\/v1\/(slots|holds)/.test(op.path)
      ? 'slots-holds'
      : /^\/v1\/(sites|missions)/.test(op.path)
        ? 'sites-missions'
        : /^\/v1\/coverage/.test(op.path)
          ? 'coverage'
          : 'zones';

interface FuzzRequest {
  clock: 'planning' | 'day';
  authorization?: string;
  path: string;
  headers: Record<string, string>;
  body?: { text: string; contentType?: string };
}

const ID_HINT: Record<string, keyof World['ids']> = {
  sites: 'site',
  missions: 'mission',
  bookings: 'booking',
  holds: 'hold',
};

function hintsFor(world: World): Hints {
  const own = (kind: keyof World['ids']) =>
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.ids[kind]) }, { weight: 1, arbitrary: forgedIds });
  // Only the test's own zone and communes, or codes that name nothing: an admin's valid request
  // must never change another test's zone.
  const siren = fc.oneof(
    { weight: 4, arbitrary: fc.constant(world.siren) },
    { weight: 1, arbitrary: fc.constantFrom('000000000', '999999999') },
  );
  const insee = fc.constantFrom(world.insee, world.insee.toLowerCase(), '00000', '2A000', '97999');
  const date = fc.constantFrom(
    '2026-12-10',
    '2026-12-11',
    '2026-12-01',
    '2027-01-15',
    '2026-02-29',
    '2024-02-29',
    '0000-01-01',
    '0001-01-01',
    '9999-12-31',
  );
  return {
    siren,
    epci: siren,
    insee,
    commune: insee,
    communeInsee: insee,
    postcode: fc.constantFrom(world.postcode, '00000', '97300'),
    siteId: own('site'),
    missionId: own('mission'),
    slotId: own('slot'),
    bookingId: own('booking'),
    holdId: own('hold'),
    cursor: hostileCursor,
    date,
    from: fc.oneof(date, fc.constantFrom('2026-12-01T00:00:00+01:00', '2026-12-10T08:00:00Z')),
    to: fc.oneof(date, fc.constantFrom('2027-01-31T00:00:00Z')),
    month: fc.constantFrom('2026-12', '2027-01', '0000-01', '9999-12'),
    birthDate: date
      .map((d) => d.replace(/^20(26|27)/, '19$1'))
      .chain((d) => fc.constantFrom(d, '2024-01-01', '2030-01-01', '1899-12-31')),
    phone: fc.constantFrom(
      '06 12 34 56 78',
      '+33612345678',
      '+262692123456',
      '0612345678',
      '+999999999999999',
      '00 00 00 00 00',
    ),
    firstName: fc.constantFrom('Jeanne', 'Ève', "D'Artagnan", 'Zoë-Léa'),
    lastName: fc.constantFrom('Martin', 'N’Diaye', 'de La Fontaine'),
    acts: fc.constantFrom(
      [{ code: 'G' }],
      [{ code: 'G' }, { code: 'MEG' }],
      [{ code: 'DE' }],
      [{ code: 'G' }, { code: 'G' }],
    ),
    billedCents: fc.constantFrom(3000, 3500, 0, 2999, 1_000_000),
    slotMinutes: fc.constantFrom(10, 15, 20, 30, 60, 9, 61),
    start: fc.constantFrom('09:00', '08:00', '00:00', '23:59', '12:00'),
    end: fc.constantFrom('12:00', '17:00', '09:00', '23:59', '00:00'),
  };
}

const TOKENS = ['patient', 'integrator', 'agent', 'doctor', 'admin'] as const;
const JUNK_AUTH = [
  'Bearer',
  'Bearer ',
  'Bearer abc',
  'Bearer a.b.c',
  'Basic dXNlcjpwYXNz',
  'bearer x',
  'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.',
  `Bearer ${'a'.repeat(5000)}`,
];

/** Header values as printable ASCII (workerd warns on anything else). */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

function requestArb(op: Operation, world: World): fc.Arbitrary<FuzzRequest> {
  const hints = hintsFor(world);
  const gen = generator(document, hints);
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const resource = /^\/v1\/([a-z-]+)\/\{id\}/.exec(op.path)?.[1];
  const nameOf = (p: { name: string }) => (p.name === 'id' && resource ? `${ID_HINT[resource]}Id` : p.name);

  const path = fc
    .tuple(
      ...pathParams.map((p) =>
        fc.oneof({ weight: 8, arbitrary: gen.valid(p.schema, nameOf(p)) }, { weight: 2, arbitrary: hostile }),
      ),
    )
    .map((values) => pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, encode(values[i])), op.path));

  const query = fc
    .tuple(
      fc.record(Object.fromEntries(queryParams.map((p) => [p.name, gen.mixed(p.schema, nameOf(p))])), {
        requiredKeys: [],
      }),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant([] as [string, unknown][]) },
        {
          weight: 1,
          arbitrary: fc.array(
            fc.tuple(fc.oneof(fc.constantFrom(...queryParams.map((p) => p.name), 'x'), hostileString), hostile),
            { maxLength: 3 },
          ),
        },
      ),
    )
    .map(([named, extra]) => {
      const pairs = [...Object.entries(named), ...extra];
      return pairs.length ? `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : '';
    });

  const required = Object.fromEntries(
    queryParams.filter((p) => p.required).map((p) => [p.name, gen.valid(p.schema, nameOf(p))]),
  );
  const requiredQuery = fc.record(required).map((r) =>
    Object.entries(r)
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .join('&'),
  );

  const authorization = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .constantFrom(...TOKENS.filter((t) => op.roles.includes(t)), ...(op.roles.includes('public') ? TOKENS : []))
        .map((r) => `Bearer ${world.tokens[r]}`),
    },
    { weight: 2, arbitrary: fc.constantFrom(...TOKENS).map((r) => `Bearer ${world.tokens[r]}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(...JUNK_AUTH) },
  );

  const headerParams = op.parameters.filter((p) => p.in === 'header').map((p) => p.name);
  const headers = fc
    .record(
      {
        'idempotency-key': idempotencyKeys,
        'accept-language': fc.oneof(
          fc.constantFrom('fr-FR,fr;q=0.9', 'en', '*', 'xx-YY;q=2', ';;;', 'fr;q=abc'),
          hostileString,
        ),
        'x-call-reference': fc.oneof(fc.constantFrom('CALL-1', 'a:b.c_d-e'), hostileString),
        'x-forwarded-for': fc.constantFrom('1.2.3.4', 'unknown', '::1, 10.0.0.1', ''),
        accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/problem+json'),
      },
      { requiredKeys: [] },
    )
    .chain((h) =>
      headerParams.includes('idempotency-key')
        ? fc
            .tuple(fc.constant(h), idempotencyKeys, fc.nat(9))
            .map(([x, key, n]) => (n > 0 ? { ...x, 'idempotency-key': key } : x))
        : fc.constant(h),
    )
    .map((h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, headerSafe(String(v))])));

  const bodySchema = op.body;
  const body: fc.Arbitrary<FuzzRequest['body']> = bodySchema
    ? fc.oneof(
        {
          weight: 4,
          arbitrary: gen.valid(bodySchema).map((b) => ({ text: JSON.stringify(b), contentType: 'application/json' })),
        },
        {
          weight: 4,
          arbitrary: gen
            .mixed(bodySchema)
            .map((b) => ({ text: JSON.stringify(b) ?? 'null', contentType: 'application/json' })),
        },
        { weight: 2, arbitrary: rawBodies(gen.valid(bodySchema)) },
        {
          weight: 1,
          arbitrary: hostile.map((b) => ({ text: JSON.stringify(b) ?? 'null', contentType: 'application/json' })),
        },
      )
    : op.method === 'GET'
      ? fc.constant(undefined)
      : fc.option(rawBodies(fc.jsonValue({ maxDepth: 2 })), { freq: 4 }).map((b) => b ?? undefined);

  return fc.record({
    clock: fc.constantFrom('planning', 'day'),
    authorization,
    // Mostly a query whose required parameters are valid; otherwise anything.
    path: fc
      .tuple(
        path,
        fc.oneof(
          query,
          requiredQuery.map((q) => (q ? `?${q}` : '')),
        ),
      )
      .map(([p, q]) => p + q),
    headers,
    body,
  });
}

/** Sends every generated request for one operation and checks the properties after each. */
export async function fuzz(op: Operation, world: World, codesSeen: Set<string>) {
  const reader = await rowsReader(world);
  let before: Rows = await reader.read();
  try {
    await fc.assert(
      fc.asyncProperty(requestArb(op, world), async (req) => {
        const client = world.clients[req.clock];
        const headers: Record<string, string> = { ...req.headers };
        if (req.authorization) headers.authorization = req.authorization;
        if (req.body?.contentType) headers['content-type'] = req.body.contentType;
        const res = await client.request(op.method, req.path, { headers, rawBody: req.body?.text });
        // A request that made no round trip to the database changed no row: skip the read.
        const after = res.headers.get('x-db-queries') === '0' && res.status >= 400 ? before : await reader.read();
        const previous = before;
        before = after;
        const where = `${op.method} ${req.path.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status < 400) return void codesSeen.add(String(res.status));
        expect(res.headers.get('content-type'), where).toBe('application/problem+json');
        expect(res.body, where).toMatchObject({
          type: expect.any(String),
          title: expect.any(String),
          detail: expect.any(String),
          status: res.status,
        });
        expect(isCataloguedCode(res.body.code), where).toBe(true);
        codesSeen.add(`${res.status} ${res.body.code}`);
        expect(after.digest, `a ${res.status} changed rows: ${where}`).toBe(previous.digest);
        if (after.auditMax !== previous.auditMax) {
          // The only trace a refusal may leave: the staff member's audit row (agent or admin), naming the refusal.
          const audit = await reader.auditSince(previous.auditMax);
          const role = req.authorization === `Bearer ${world.tokens.agent}` ? 'agent' : 'admin';
          expect([`Bearer ${world.tokens.agent}`, `Bearer ${world.tokens.admin}`], where).toContain(req.authorization);
          for (const row of audit)
            expect(row, where).toMatchObject({ actor_role: role, outcome: `${res.status} ${res.body.code}` });
        }
      }),
      { numRuns: RUNS, seed: SEED, verbose: 1 },
    );
  } finally {
    await reader.end();
  }
}
