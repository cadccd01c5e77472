// Requests generated from the OpenAPI document: for each operation, its path and query parameters,
// headers and body, as values the schema admits (enums, simple patterns, formats, bounds, and the
// ids of real resources) mixed with hostile ones (wrong types, huge numbers, odd Unicode, forged
// ids and cursors, broken JSON, wrong content types), sent with a token of each role, none, or junk.
import fc from 'fast-check';

export type Schema = { [key: string]: any };
export interface Doc {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
}
export interface Operation {
  method: string;
  path: string;
  roles: string[];
  parameters: any[];
  body?: Schema;
}

export function operationsOf(doc: Doc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      roles: op['x-roles'] ?? [],
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/** Values a test's own data provides, by field or parameter name (ids of real resources, its zone…). */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** base64url of the JSON, as the API writes cursors (UTF-8 first, so any string fits). */
const cursorOf = (value: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A uuid whose first 8 hex digits name a zone (slot and hold ids carry their EPCI SIREN there). */
export const zonedUuid = (siren: fc.Arbitrary<string>) =>
  fc.tuple(siren, fc.uuid()).map(([s, u]) => `${Number(s).toString(16).padStart(8, '0').slice(-8)}${u.slice(8)}`);

export const forgedIds = fc.oneof(
  fc.uuid(),
  zonedUuid(fc.stringMatching(/^\d{9}$/)),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  ),
  fc.stringMatching(/^[0-9a-f]{32}$/),
);

const weirdStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\n',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  "'; DROP TABLE bookings; --",
  '../../etc/passwd',
  '%00',
  '%ff',
  '<script>alert(1)</script>',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ud800',
  '\udfff\ud800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'e\u0301'.repeat(50),
  '٠١٢٣٤٥٦٧٨',
  '２００３５５４１',
  '\uFEFF200035541',
  '200035541\n',
  ' 200035541',
  '🧑‍⚕️'.repeat(20),
  'ǅ',
  'İ',
  'ß'.repeat(100),
  '\u2028',
  'x'.repeat(10_000),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: weirdStrings },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 5e-324, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Something of the wrong kind: any JSON type but the expected one, often. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
);

/** Cursors: forged sort keys of every wrong type, length and value, non-base64, huge. */
export const hostileCursor: fc.Arbitrary<string> = fc.oneof(
  fc
    .constantFrom(
      ['not-a-date', 'zzz'],
      ['2026-12-10T08:00:00.000Z', 'zzz'],
      ['0000-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000'],
      ['2026-02-30', '00000000-0000-0000-0000-000000000000'],
      ['9999-12-31', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
      [],
      [null],
      [1, 2],
      ['a'],
      ['\u0000', '\u0000'],
      [{}, []],
      '2026-12-10',
      { a: 1 },
      ['2026-12-10T08:00:00.000Z', '00000000-0000-0000-0000-000000000000', 'x'],
    )
    .map(cursorOf),
  fc.array(hostile, { maxLength: 3 }).map(cursorOf),
  fc
    .tuple(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.uuid(),
    )
    .map(cursorOf),
  fc.tuple(fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), fc.uuid()).map(cursorOf),
  fc.stringMatching(/^\d{9}$/).map((s) => cursorOf([s])),
  fc.base64String({ maxLength: 400 }),
  hostileString,
);

/** Idempotency-Key values: good ones, too short, too long, not ASCII, blank. */
export const idempotencyKeys = fc.oneof(
  { weight: 4, arbitrary: fc.uuid() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      'short',
      ' '.repeat(10),
      'é'.repeat(10),
      'k'.repeat(201),
      'k'.repeat(200),
      'key with spaces',
      'a\tb\tc\td\te',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);

function resolve(schema: Schema, doc: Doc): Schema {
  if (schema.$ref) return resolve(doc.components!.schemas![schema.$ref.split('/').pop()!], doc);
  if (schema.allOf)
    return schema.allOf
      .map((s: Schema) => resolve(s, doc))
      .reduce((a: Schema, b: Schema) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties } }));
  return schema;
}

/** A regex from an OpenAPI pattern, or undefined when it is not one fast-check can produce strings for. */
function patternOf(pattern: string | undefined): RegExp | undefined {
  // Unicode classes and lookarounds are beyond what fast-check generates from.
  if (!pattern || /\\p\{|\(\?[=!<]/.test(pattern)) return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

function validString(s: Schema): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date-time') {
    return fc.oneof(
      fc
        .date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom(
        '2026-12-10T09:00:00+01:00',
        '2026-12-01T00:00:00Z',
        '0000-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
        '2026-12-10T09:00:00.123456789+14:00',
      ),
    );
  }
  if (s.format === 'email') return fc.emailAddress();
  const regex = patternOf(s.pattern);
  if (regex)
    return fc
      .stringMatching(regex)
      .filter((v) => regex.test(v) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity));
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 200) });
}

function validNumber(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (integer ? -1000 : -1e6);
  const max = s.maximum ?? (integer ? 1000 : 1e6);
  const inside = integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  return fc.oneof({ weight: 3, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
}

export interface Generator {
  /** A value the schema admits, preferring the hints for named fields. */
  valid(schema: Schema, name?: string): fc.Arbitrary<unknown>;
  /** Mostly valid, with hostile values at every level: a wrong field, a missing one, an extra one. */
  mixed(schema: Schema, name?: string): fc.Arbitrary<unknown>;
}

export function generator(doc: Doc, hints: Hints): Generator {
  const build = (schema: Schema, name: string | undefined, hostileWeight: number): fc.Arbitrary<unknown> => {
    const s = resolve(schema, doc);
    const hinted = name && hints[name];
    let valid: fc.Arbitrary<unknown>;
    if (hinted) valid = hinted;
    else if (s.enum) valid = fc.constantFrom(...s.enum);
    else if (s.type === 'string') valid = validString(s);
    else if (s.type === 'integer' || s.type === 'number') valid = validNumber(s, s.type === 'integer');
    else if (s.type === 'boolean') valid = fc.boolean();
    else if (s.type === 'array') {
      valid = fc.array(build(s.items ?? {}, undefined, hostileWeight), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 5, 12),
      });
    } else if (s.type === 'object' || s.properties) {
      const props = s.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(props).map(([k, v]) => [k, build(v as Schema, k, hostileWeight)])),
        { requiredKeys: s.required ?? [] },
      );
      valid =
        hostileWeight === 0
          ? record
          : fc.oneof(
              { weight: 6, arbitrary: record },
              // An unknown field, or a required one missing.
              {
                weight: 1,
                arbitrary: fc
                  .tuple(record, fc.string({ maxLength: 10 }), hostile)
                  .map(([r, k, v]) => ({ ...r, [k || 'extra']: v })),
              },
              {
                weight: 1,
                arbitrary: fc.tuple(record, fc.constantFrom(...Object.keys(props), '__proto__')).map(([r, k]) => {
                  const c = { ...r };
                  delete (c as any)[k];
                  return c;
                }),
              },
            );
    } else valid = fc.jsonValue({ maxDepth: 2 });
    return hostileWeight === 0
      ? valid
      : fc.oneof({ weight: 10, arbitrary: valid }, { weight: hostileWeight, arbitrary: hostile });
  };
  return { valid: (schema, name) => build(schema, name, 0), mixed: (schema, name) => build(schema, name, 1) };
}

/** Bodies as bytes on the wire: broken JSON, duplicated keys, deep nesting, too large, not JSON. */
export function rawBodies(validBody: fc.Arbitrary<unknown>): fc.Arbitrary<{ text: string; contentType?: string }> {
  const json = 'application/json';
  return fc.oneof(
    fc
      .constantFrom(
        '',
        '{',
        '{"a":',
        'null',
        '[]',
        '"x"',
        '0',
        'true',
        '{"a":1}}',
        "{'a':1}",
        'NaN',
        '\uFEFF{}',
        '{"__proto__":{"x":1}}',
      )
      .map((text) => ({ text, contentType: json })),
    // Duplicated keys: JSON.parse keeps the last; the first may be the valid one.
    fc.tuple(validBody, hostile).map(([b, h]) => {
      const text = JSON.stringify(b ?? {});
      const first = /^\{"([^"]+)":/.exec(text)?.[1];
      return { text: first ? `{"${first}":${JSON.stringify(h) ?? 'null'},${text.slice(1)}` : text, contentType: json };
    }),
    fc.tuple(validBody, hostile).map(([b, h]) => {
      const text = JSON.stringify(b ?? {});
      const first = /^\{"([^"]+)":/.exec(text)?.[1];
      return {
        text: first && text.length > 2 ? `${text.slice(0, -1)},"${first}":${JSON.stringify(h) ?? 'null'}}` : text,
        contentType: json,
      };
    }),
    fc
      .integer({ min: 100, max: 5000 })
      .map((depth) => ({ text: `${'['.repeat(depth)}${']'.repeat(depth)}`, contentType: json })),
    fc
      .integer({ min: 100, max: 1000 })
      .map((depth) => ({ text: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, contentType: json })),
    fc
      .constantFrom(16 * 1024 - 10, 16 * 1024 + 1, 100_000)
      .map((n) => ({ text: `{"a":"${'x'.repeat(n)}"}`, contentType: json })),
    validBody.chain((b) =>
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/json; charset=latin1',
          'application/problem+json',
          'APPLICATION/JSON',
          undefined,
        )
        .map((contentType) => ({ text: JSON.stringify(b ?? null), contentType })),
    ),
  );
}

/** Percent-encodes, keeping strings that are not well-formed UTF-16 as raw invalid UTF-8 on purpose. */
export function encode(value: unknown): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

export { fc };
