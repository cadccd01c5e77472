// The menu of the agent space: one entry per page a person of this space goes to often.
import type { NavEntry } from '../staff-layout';

export const NAV: NavEntry[] = [{ href: '/agent', label: 'Accueil' }];
