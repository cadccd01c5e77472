// Copies Scalar's standalone script into public/ so that /docs is served by this deployment, not a
// CDN. Run before `npm start`, the tests and a deploy; the copy is not committed (4.8 MB, vendored).
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function copyDocsAssets(): void {
  mkdirSync(`${root}public/docs`, { recursive: true });
  copyFileSync(`${root}node_modules/@scalar/api-reference/dist/browser/standalone.js`, `${root}public/docs/scalar.js`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) copyDocsAssets();
