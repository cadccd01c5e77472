// The menu of the medecin space: one entry per page a doctor goes to often.
import type { NavEntry } from '../staff-layout';

export const NAV: NavEntry[] = [
  { href: '/medecin', label: 'Mes journées de mission' },
  { href: '/medecin/aujourdhui', label: 'Ma journée' },
  { href: '/medecin/journees-ouvertes', label: 'Journées à reprendre' },
  { href: '/medecin/indemnites', label: 'Mes indemnités' },
];
