// The agents' menu: the start of a call (where its reference is typed) and the call list. Pages
// inside a call carry its reference themselves (call.ts), so these entries start afresh.
import type { NavEntry } from '../staff-layout';

export const NAV: NavEntry[] = [
  { href: '/agent', label: 'Nouvel appel' },
  { href: '/agent/appels', label: 'Patients à rappeler' },
];
