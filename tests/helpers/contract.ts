// An independent check of the contract: ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses) with
// ajv-formats, reading the committed openapi.yaml, not the zod schemas it was generated from.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import committedYaml from '../../openapi.yaml?raw';

type Json = Record<string, any>;

export const contract: Json = parse(committedYaml);

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(contract, 'contract');

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The path template of the contract that a concrete path matches, e.g. /v1/bookings/{id}. */
export function templateOf(path: string): string {
  const bare = path.split('?')[0];
  const template = Object.keys(contract.paths).find((t) =>
    new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
  );
  if (!template) throw new Error(`no path of the contract matches ${bare}`);
  return template;
}

function check(ref: string, value: unknown): string[] {
  const validate = ajv.getSchema(`contract#/${ref}`) ?? ajv.compile({ $ref: `contract#/${ref}` });
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Every example in the contract that its own schema refuses (Spectral's oas3-valid-schema-example). */
export function checkExamples(): { checked: number; errors: string[] } {
  const errors: string[] = [];
  let checked = 0;
  // The generator puts every example on a schema object.
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== 'object') return;
    const object = node as Json;
    if ('example' in object) {
      checked += 1;
      errors.push(...check(pointer(...path), object.example).map((e) => `${path.join('/')}: ${e}`));
    }
    for (const [key, value] of Object.entries(object)) if (key !== 'example') walk(value, [...path, key]);
  };
  walk(contract, []);
  return { checked, errors };
}

/** Problems with a request body against the operation's requestBody schema ([] when it conforms). */
export function requestBodyErrors(method: string, path: string, body: unknown): string[] {
  const template = templateOf(path);
  const operation = contract.paths[template][method.toLowerCase()];
  if (!operation?.requestBody) return [`${method} ${template} takes no body`];
  return check(
    pointer('paths', template, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema'),
    body,
  );
}

/** Problems with a response against what the contract declares for its operation and status. */
export function responseErrors(
  method: string,
  path: string,
  response: { status: number; headers: Headers; body: unknown },
): string[] {
  const template = templateOf(path);
  const m = method.toLowerCase();
  const declared: Json | undefined = contract.paths[template][m]?.responses?.[response.status];
  if (!declared) return [`${method} ${template} does not declare ${response.status}`];
  const name = declared.$ref ? (declared.$ref as string).split('/').pop()! : undefined;
  const base = name ? ['components', 'responses', name] : ['paths', template, m, 'responses', String(response.status)];
  const resolved: Json = name ? contract.components.responses[name] : declared;
  const errors: string[] = [];
  const declaredHeaders = Object.keys(resolved.headers ?? {}).map((h) => h.toLowerCase());
  // Headers a client relies on: present when declared, declared when present.
  for (const header of [
    'location',
    'content-language',
    'retry-after',
    'idempotent-replayed',
    'ratelimit',
    'ratelimit-policy',
  ]) {
    const always = ['location', 'content-language'].includes(header);
    if (always && declaredHeaders.includes(header) && !response.headers.has(header))
      errors.push(`missing header ${header}`);
    if (response.headers.has(header) && !declaredHeaders.includes(header)) errors.push(`undeclared header ${header}`);
  }
  if (!resolved.content) return response.body === undefined ? errors : [...errors, 'a body where none is declared'];
  const type = (response.headers.get('content-type') ?? '').split(';')[0];
  if (!resolved.content[type]) return [...errors, `content type ${type} is not declared`];
  return [...errors, ...check(pointer(...base, 'content', type, 'schema'), response.body)];
}
