// Ids that carry their zone (see migrations/0004_zoned_ids.sql): the first 8 hex digits of a slot
// or hold id are the EPCI SIREN.
const ZONED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The EPCI SIREN an id belongs to, or undefined for an id that carries none. */
export function zoneOfId(id: unknown): string | undefined {
  if (typeof id !== 'string' || !ZONED.test(id)) return undefined;
  const siren = parseInt(id.slice(0, 8), 16);
  return siren < 1e9 ? String(siren).padStart(9, '0') : undefined;
}

/** A new random id in the same zone as `sibling`. */
export function idInZoneOf(sibling: string): string {
  return `${sibling.slice(0, 8)}${crypto.randomUUID().slice(8)}`;
}
