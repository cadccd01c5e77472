// Which regions an ARS caller works on: INSEE region codes, or the whole country when that is said
// in so many words. Nothing said is no scope at all, which is refused (403 region_scope_missing):
// national is never a default. Tokens carry it in their `regions` claim (["75","76"] or
// "national"); page accounts after their entry in ARS_ACCOUNTS ("claire@ars.fr=75+76", "=national").
import { regionName } from './regions';

export const NATIONAL = 'national';

export type RegionScope = typeof NATIONAL | readonly [string, ...string[]];

const known = (code: unknown): code is string => typeof code === 'string' && regionName(code) !== undefined;

/** A token's `regions` claim: "national", or a non-empty array of known INSEE region codes; else undefined. */
export function scopeOfClaim(value: unknown): RegionScope | undefined {
  if (value === NATIONAL) return NATIONAL;
  if (!Array.isArray(value) || value.length === 0 || !value.every(known)) return undefined;
  return [...new Set(value)] as unknown as RegionScope;
}

/** The scope written after `=` in an ARS_ACCOUNTS entry: "national", or codes joined by "+" ("75+76"). */
export const scopeOfText = (text: string): RegionScope | undefined =>
  scopeOfClaim(text.trim() === NATIONAL ? NATIONAL : text.split('+').map((code) => code.trim()));

/** An account list's entries: address (or @domain) and the scope text after `=`, if any. */
export function accountEntries(list: string | undefined): { who: string; scope: string | undefined }[] {
  return (list ?? '')
    .split(',')
    .map((entry) => {
      const [who, scope] = entry.split('=', 2);
      return { who: who.trim().toLowerCase(), scope: scope?.trim() };
    })
    .filter((entry) => entry.who !== '');
}

/** The scope an account list gives an address: its own entry's, else its domain's; undefined without one. */
export function accountScope(list: string | undefined, email: string): RegionScope | undefined {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return undefined;
  const entries = accountEntries(list);
  const entry = entries.find((e) => e.who === address) ?? entries.find((e) => e.who === address.slice(at));
  return entry?.scope === undefined ? undefined : scopeOfText(entry.scope);
}

/** The region names (as the communes and EPCI tables keep them) a scope covers; 'national' for all. */
export const regionNamesOf = (scope: RegionScope): typeof NATIONAL | string[] =>
  scope === NATIONAL ? NATIONAL : scope.map((code) => regionName(code)!);

/** Whether a scope covers a region named as the tables name it. */
export const scopeCovers = (scope: RegionScope, region: string): boolean => {
  const names = regionNamesOf(scope);
  return names === NATIONAL || names.includes(region);
};
