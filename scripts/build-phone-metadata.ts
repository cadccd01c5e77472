// Writes src/domain/phone-metadata.json: libphonenumber-js's full metadata (the only build that
// knows mobile from landline and premium-rate numbers) cut down to the French numbering plans,
// metropolitan and overseas: ~10 KB in the worker instead of ~150 KB. Rerun after upgrading
// libphonenumber-js: `npx tsx scripts/build-phone-metadata.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const FRENCH_CALLING_CODES = ['33', '262', '508', '590', '594', '596', '681', '687', '689'];

const require = createRequire(import.meta.url);
const full = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8'));
const callingCodes = Object.fromEntries(FRENCH_CALLING_CODES.map((code) => [code, full.country_calling_codes[code]]));
const regions = Object.values(callingCodes).flat() as string[];
const metadata = {
  version: full.version,
  country_calling_codes: callingCodes,
  countries: Object.fromEntries(regions.map((r) => [r, full.countries[r]])),
};
writeFileSync(new URL('../src/domain/phone-metadata.json', import.meta.url), `${JSON.stringify(metadata)}\n`);
console.log(`phone metadata: ${regions.join(', ')}`);
