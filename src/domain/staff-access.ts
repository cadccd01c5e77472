// Who a professional identity is in this service. ProConnect says who an agent is, never what they
// may do here: the service's own lists (AGENT_ACCOUNTS, ARS_ACCOUNTS) decide, and an address on
// neither list, or on both, gets nothing. Pro Santé Connect carries the national professional id
// (8 + RPPS) and the professions practised: only a médecin (code 10) is a doctor here.

import { accountEntries } from './region-scope';

export type StaffRole = 'agent' | 'admin';

/**
 * Entries of a comma-separated list: addresses, or `@domain` for a whole domain. Case-insensitive.
 * What follows `=` in an entry is its ARS region scope (region-scope.ts), not part of the address.
 */
export function listAdmits(list: string | undefined, email: string): boolean {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  const domain = address.slice(at);
  return accountEntries(list).some(({ who }) => who === address || (who.startsWith('@') && who === domain));
}

/** The role a ProConnect account holds here, or undefined (deny by default; ambiguous is denied too). */
export function proConnectRole(email: string, lists: { agents?: string; ars?: string }): StaffRole | undefined {
  const agent = listAdmits(lists.agents, email);
  const ars = listAdmits(lists.ars, email);
  if (agent === ars) return undefined;
  return agent ? 'agent' : 'admin';
}

/** The RPPS in Pro Santé Connect's national id: '8' followed by the 11-digit RPPS. */
export function rppsOfNationalId(nationalId: unknown): string | undefined {
  return typeof nationalId === 'string' ? /^8(\d{11})$/.exec(nationalId)?.[1] : undefined;
}

export const PROFESSION_MEDECIN = '10';

/** Whether SubjectRefPro lists médecin among the professional's practices. */
export function practisesMedicine(refPro: unknown): boolean {
  const practices = (refPro as { exercices?: unknown } | null)?.exercices;
  return (
    Array.isArray(practices) &&
    practices.some((p) => (p as { codeProfession?: unknown } | null)?.codeProfession === PROFESSION_MEDECIN)
  );
}
