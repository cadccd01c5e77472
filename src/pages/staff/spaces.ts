// The three staff spaces: who enters each, through which federation, under which name.
import type { SessionRole } from '../../auth/session';

export type SpaceId = 'agent' | 'medecin' | 'ars';

export interface Space {
  id: SpaceId;
  /** Shown in the banner and the tab title: "Espace agent". */
  name: string;
  /** Where its pages live. */
  path: `/${SpaceId}`;
  role: Exclude<SessionRole, 'patient'>;
  provider: 'proconnect' | 'psc';
}

export const SPACES: Record<SpaceId, Space> = {
  agent: { id: 'agent', name: 'Espace centre d’appels', path: '/agent', role: 'agent', provider: 'proconnect' },
  medecin: { id: 'medecin', name: 'Espace médecin', path: '/medecin', role: 'doctor', provider: 'psc' },
  ars: { id: 'ars', name: 'Espace ARS', path: '/ars', role: 'admin', provider: 'proconnect' },
};

/** The space a role works in (a staff member sent to the wrong one is shown the way to theirs). */
export const spaceOfRole = (role: SessionRole): Space | undefined => Object.values(SPACES).find((s) => s.role === role);

/** A space's name inside a sentence: "Espace médecin" → "espace médecin" (after "l’"). */
export const inSentence = (space: Space) => `${space.name.slice(0, 1).toLowerCase()}${space.name.slice(1)}`;
