// How a booking reached us: decided by who calls (lib/callers.ts), never by the client.
export const CHANNELS = ['web', 'app', 'partner', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];
