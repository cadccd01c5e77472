// The menu of the medecin space: one entry per page a person of this space goes to often.
import type { NavEntry } from '../staff-layout';

export const NAV: NavEntry[] = [{ href: '/medecin', label: 'Accueil' }];
