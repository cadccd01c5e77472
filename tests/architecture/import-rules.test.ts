// Who may import whom (docs/architecture.md#who-may-import-whom), read from the source itself: every
// import, export-from and import() of src/ parsed with the TypeScript compiler and checked against
// the layers below. A crossing is a design question, not a shortcut: move the code, or change the
// rule here and in the page together.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

/** The part of the house a file belongs to: its first folder under src/, or the root file's name. */
type Area =
  | 'domain'
  | 'lib'
  | 'env'
  | 'config-check'
  | 'db'
  | 'durable-objects'
  | 'core'
  | 'events'
  | 'auth'
  | 'app-env'
  | 'middleware'
  | 'routes'
  | 'fhir'
  | 'pages'
  | 'app'
  | 'index';

const DOORS = ['routes', 'fhir', 'pages'] as const;
const BELOW_CORE = ['domain', 'lib', 'env', 'db'] as const;

/** What each area may import besides itself. Doors are absent from every list but the entries'. */
const MAY_IMPORT: Record<Area, readonly Area[]> = {
  // Pure rules, and the catalogue of the refusals they make (problems.ts, problem.ts): nothing of the app.
  domain: [],
  // Small helpers with no domain, and problem+json rendering.
  lib: ['domain'],
  // The configuration schema.
  env: ['domain', 'lib'],
  // The production configuration's rules, shared by npm run check:config and /ready.
  'config-check': ['domain', 'lib', 'env'],
  // Below lib/: the schema, the client and the reading of Postgres's refusals.
  db: ['domain', 'env'],
  'durable-objects': ['domain', 'lib', 'env'],
  // Operations: they write event rows themselves (core/outbox) and never call a door or a deliverer.
  core: BELOW_CORE,
  // The outbox's reader and the deliverers: reached only by the Queue and cron entries (index.ts).
  events: [...BELOW_CORE, 'core'],
  // Sign-in machinery (OIDC, sessions, cookies); its screens are pages.
  auth: [...BELOW_CORE, 'core', 'app-env'],
  // The Hono environment of a request: types only (checked below).
  'app-env': [...BELOW_CORE, 'auth'],
  middleware: [...BELOW_CORE, 'core', 'auth', 'app-env', 'durable-objects'],
  routes: [...BELOW_CORE, 'config-check', 'core', 'auth', 'app-env', 'middleware'],
  fhir: [...BELOW_CORE, 'core', 'auth', 'app-env', 'middleware'],
  pages: [...BELOW_CORE, 'core', 'auth', 'app-env', 'middleware'],
  // The entries wire everything.
  app: [...BELOW_CORE, 'core', 'auth', 'app-env', 'middleware', ...DOORS],
  index: [...BELOW_CORE, 'core', 'events', 'app', 'durable-objects'],
};

/** Type-only imports an area may also make: the bindings' types that env.ts names. */
const MAY_IMPORT_TYPES: Partial<Record<Area, readonly Area[]>> = {
  env: ['durable-objects', 'core'],
};

/** Areas whose files may hold only types (`import type` everywhere, so nothing runs). */
const TYPES_ONLY: readonly Area[] = ['app-env'];

/**
 * Crossings kept on purpose, each with its reason. Keep this list short: every entry is a file
 * pair, never a folder.
 */
const ALLOWED: { from: string; to: string; why: string }[] = [
  {
    from: 'core/webhooks/webhooks.operations.ts',
    to: 'events/webhooks/send.ts',
    why: "an integrator's manual retry sends at once, through the same path as the Queue and the cron",
  },
  {
    from: 'core/webhooks/webhooks.operations.ts',
    to: 'events/webhooks/webhook-attempts.queries.ts',
    why: 'the manual retry claims its delivery with the same lease as the Queue and the cron',
  },
  {
    from: 'core/webhooks/webhooks.operations.ts',
    to: 'events/webhooks/attempt.ts',
    why: 'a test event on demand is one signed attempt, made as every delivery makes it',
  },
  {
    from: 'index.ts',
    to: 'fhir/bulk/generate.ts',
    why: "the 5-minute Cron Trigger writes the FHIR door's bulk files to R2, in the door's own format",
  },
  {
    from: 'middleware/publish-events.ts',
    to: 'events/webhooks/first-attempt.ts',
    why: "an integrator's own change is first sent by its request, after the response, through the same claim as the Queue",
  },
];

type Import = { from: string; to: string; typeOnly: boolean; line: number };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    // Unit tests beside the code may reach what they test from anywhere.
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [file]
      : [];
  });
}

/** The file a relative specifier names, as the bundler resolves it (a folder means its index). */
function resolve(fromFile: string, specifier: string): string {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  const found = candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
  if (!found) throw new Error(`${fromFile}: cannot resolve ${specifier}`);
  return found;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Import[] = [];
  const add = (specifier: ts.Expression, typeOnly: boolean, node: ts.Node) => {
    if (!ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ from: file, to: resolve(file, specifier.text), typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const namedAllTypes =
        clause?.namedBindings &&
        ts.isNamedImports(clause.namedBindings) &&
        !clause.name &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((element) => element.isTypeOnly);
      add(node.moduleSpecifier, Boolean(clause?.isTypeOnly || namedAllTypes), node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], false, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every import that breaks a rule, as one line a reader can act on. */
function crossings(root: string): string[] {
  const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const areaOf = (file: string): Area => {
    const [first, ...rest] = rel(file).split('/');
    const area = (rest.length ? first : first!.replace(/\.tsx?$/, '')) as Area;
    if (!(area in MAY_IMPORT))
      throw new Error(`src/${rel(file)}: no rule says where ${area} sits; add it to MAY_IMPORT`);
    return area;
  };
  const broken: string[] = [];
  for (const file of sourceFiles(root)) {
    const from = areaOf(file);
    for (const edge of importsOf(file)) {
      const to = areaOf(edge.to);
      const where = `src/${rel(file)}:${edge.line} imports src/${rel(edge.to)}`;
      if (TYPES_ONLY.includes(from) && !edge.typeOnly) {
        broken.push(`${where}: ${from} holds types only, so it imports with \`import type\``);
        continue;
      }
      if (to === from) continue;
      if (MAY_IMPORT[from].includes(to)) continue;
      if (edge.typeOnly && MAY_IMPORT_TYPES[from]?.includes(to)) continue;
      if (ALLOWED.some((allowed) => allowed.from === rel(file) && allowed.to === rel(edge.to))) continue;
      const may = MAY_IMPORT[from].length ? MAY_IMPORT[from].join(', ') : 'nothing of the app';
      broken.push(`${where}: ${from} may import ${may} (docs/architecture.md#who-may-import-whom)`);
    }
  }
  return broken;
}

describe('who may import whom', () => {
  it('every import of src/ keeps the rules', () => {
    expect(crossings(src)).toEqual([]);
  });

  it('every allowed crossing still exists, so the list never outlives its reason', () => {
    const rel = (file: string) => path.relative(src, file).split(path.sep).join('/');
    const edges = sourceFiles(src)
      .flatMap(importsOf)
      .map((edge) => `${rel(edge.from)} -> ${rel(edge.to)}`);
    const stale = ALLOWED.map((allowed) => `${allowed.from} -> ${allowed.to}`).filter((pair) => !edges.includes(pair));
    expect(stale).toEqual([]);
  });

  it('sees a crossing when there is one: core importing a door, a door another door', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-rules-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    try {
      write('pages/index.tsx', 'export const pagesRouter = 1;\n');
      write('core/bookings/ops.ts', "import { pagesRouter } from '../../pages';\nexport const x = pagesRouter;\n");
      write(
        'fhir/appointment.ts',
        "import { x } from '../core/bookings/ops';\nimport type { y } from '../routes/b';\nexport { x };\n",
      );
      write('routes/b.ts', 'export type y = 1;\n');
      expect(crossings(root).sort()).toEqual([
        'src/core/bookings/ops.ts:1 imports src/pages/index.tsx: core may import domain, lib, env, db (docs/architecture.md#who-may-import-whom)',
        'src/fhir/appointment.ts:2 imports src/routes/b.ts: fhir may import domain, lib, env, db, core, auth, app-env, middleware (docs/architecture.md#who-may-import-whom)',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
