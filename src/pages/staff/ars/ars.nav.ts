// The menu of the ARS space: one entry per page a person of this space goes to often.
import type { NavEntry } from '../staff-layout';

export const NAV: NavEntry[] = [
  { href: '/ars', label: 'Accueil' },
  { href: '/ars/zones', label: 'Zones prioritaires' },
  { href: '/ars/sites', label: 'Lieux de consultation' },
  { href: '/ars/couverture', label: 'Couverture' },
  { href: '/ars/indemnites', label: 'Indemnités' },
];
