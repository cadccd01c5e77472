// The menu of the ars space: one entry per page a person of this space goes to often.
import type { NavEntry } from '../staff-layout';

export const NAV: NavEntry[] = [{ href: '/ars', label: 'Accueil' }];
