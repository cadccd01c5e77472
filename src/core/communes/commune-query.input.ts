// The commune query every door takes (the REST search, the patient's and the agent's search pages).
import { z } from '@hono/zod-openapi';
import { portableLetterClass } from '../../lib/portable-pattern';

const COMMUNE_QUERY = /^(\d{2,5}|[\p{L}][\p{L}' ’-]*)$/u;

/** What a person types to find their commune: a name (any accents or case) or the start of a postcode. */
export const CommuneQuery = z
  .string()
  .trim()
  .min(2, 'type at least 2 characters')
  .max(60)
  .regex(COMMUNE_QUERY, 'a commune name (letters, spaces, hyphens, apostrophes) or 2 to 5 digits of a postcode')
  // The generator would print the regex with its flag (`…$/u`), and `\p{L}` is not portable: a portable pattern, the rule in the description.
  .openapi({ example: 'pissos', pattern: `^([0-9]{2,5}|${portableLetterClass()}${portableLetterClass(" '-")}*)$` });
