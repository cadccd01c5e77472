// Copies what the patient pages use of the State design system (@gouvfr/dsfr) into public/dsfr/,
// served as Workers static assets: one stylesheet made of DSFR's core and only the components the
// pages use (390 KB instead of the full 730 KB), the icon classes (fr-icon-*) the pages name, the
// icons it references, the Marianne typeface, the favicon and DSFR's script. Run before `npm start`, the tests and a deploy; the copy is not committed.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}node_modules/@gouvfr/dsfr/dist`;
const out = `${root}public/dsfr`;

/** DSFR components the pages' markup uses (src/pages/); add one here when a page needs it. */
export const DSFR_COMPONENTS = [
  'skiplink',
  'logo',
  'header',
  'navigation',
  'footer',
  'link',
  'button',
  'form',
  'input',
  'select',
  'radio',
  'checkbox',
  'alert',
  'callout',
  'notice',
  'card',
  'tile',
  'badge',
  'tag',
  'stepper',
  'table',
  'connect',
  'upload',
] as const;

/** Where the pages' markup and scripts name DSFR icon classes. */
const MARKUP_DIRS = [`${root}src/pages`, `${root}public/pages`];

/**
 * The rules of the fr-icon-* classes the pages name, from DSFR's icon utilities: core styles an
 * icon's box, and without its class's rule (which names the SVG) the icon shows as a plain square.
 */
export function usedIconRules(): string {
  const used = new Set<string>();
  for (const dir of MARKUP_DIRS) {
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (/\.(tsx?|js)$/.test(file))
        for (const [name] of readFileSync(`${dir}/${file}`, 'utf8').matchAll(/fr-icon-[a-z0-9-]+/g)) used.add(name);
    }
  }
  const rules = new Map<string, string>();
  const utilities = `${dist}/utility/icons`;
  for (const family of readdirSync(utilities).filter((name) => name.startsWith('icons-'))) {
    const css = readFileSync(`${utilities}/${family}/${family}.main.min.css`, 'utf8');
    for (const [rule, name] of css.matchAll(/\.(fr-icon-[a-z0-9-]+):after,\.\1:before\{[^}]*\}/g))
      if (used.has(name)) rules.set(name, rule);
  }
  const missing = [...used].filter((name) => !rules.has(name));
  if (missing.length > 0) throw new Error(`DSFR has no icon class ${missing.join(', ')} (named in the pages)`);
  return relocate([...rules.values()].join(''), '../../../');
}

/** The sources live in dist/core/ and dist/component/<name>/; the bundle lives at the top. */
const relocate = (css: string, up: string) => css.replaceAll(`url(${up}`, 'url(');

export function copyDsfrAssets(): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const parts = [relocate(readFileSync(`${dist}/core/core.main.min.css`, 'utf8'), '../')];
  for (const name of DSFR_COMPONENTS)
    parts.push(relocate(readFileSync(`${dist}/component/${name}/${name}.main.min.css`, 'utf8'), '../../'));
  parts.push(usedIconRules());
  const css = parts.join('\n');
  writeFileSync(`${out}/dsfr-pages.css`, css);
  // Only the icons that stylesheet references (a few dozen of DSFR's 4 MB of them).
  for (const [, path] of css.matchAll(/url\((icons\/[^)"']+\.svg)\)/g)) cpSync(`${dist}/${path}`, `${out}/${path}`);
  // DSFR's script, for a page whose component needs it; every page works without it.
  cpSync(`${dist}/dsfr.module.min.js`, `${out}/dsfr.module.min.js`);
  cpSync(`${dist}/favicon`, `${out}/favicon`, { recursive: true });
  // woff2 only: every browser the pages support reads it, and the copy stays small.
  cpSync(`${dist}/fonts`, `${out}/fonts`, { recursive: true, filter: (path) => !path.endsWith('.woff') });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) copyDsfrAssets();
