// Who calls: a token's role claim, and what each route admits.
export const ROLES = ['patient', 'integrator', 'agent', 'doctor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
