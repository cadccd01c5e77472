// Writes openapi.yaml from the route definitions (the zod schemas are the source).
import { writeFileSync } from 'node:fs';
import { openApiYaml } from './openapi-document';

writeFileSync(new URL('../openapi.yaml', import.meta.url), await openApiYaml());
console.log('openapi.yaml written');
