// Copies what the patient pages use of the State design system (@gouvfr/dsfr) into public/dsfr/,
// served as Workers static assets: one stylesheet made of DSFR's core and only the components the
// pages use (390 KB instead of the full 730 KB), the icons it references, the Marianne typeface,
// the favicon and DSFR's script. Run before `npm start`, the tests and a deploy; the copy is not committed.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}node_modules/@gouvfr/dsfr/dist`;
const out = `${root}public/dsfr`;

/** DSFR components the pages' markup uses (src/pages/); add one here when a page needs it. */
export const DSFR_COMPONENTS = [
  'skiplink', 'logo', 'header', 'navigation', 'footer', 'link', 'button', 'form', 'input', 'select', 'radio', 'checkbox',
  'alert', 'callout', 'notice', 'card', 'tile', 'badge', 'tag', 'stepper', 'table',
] as const;

/** The sources live in dist/core/ and dist/component/<name>/; the bundle lives at the top. */
const relocate = (css: string, up: string) => css.replaceAll(`url(${up}`, 'url(');

export function copyDsfrAssets(): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const parts = [relocate(readFileSync(`${dist}/core/core.main.min.css`, 'utf8'), '../')];
  for (const name of DSFR_COMPONENTS) parts.push(relocate(readFileSync(`${dist}/component/${name}/${name}.main.min.css`, 'utf8'), '../../'));
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
