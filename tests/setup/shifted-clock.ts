// VITE_SHIFT_DAYS=N runs the API tests as if today were N days later: Date, in the tests and in the
// worker alike, starts N days ahead and runs on. CI runs the time-sensitive files once so, to show
// that no test depends on the day it runs (faketime cannot move workerd's clock: it hangs there).
import { vi } from 'vitest';

const days = Number((import.meta as unknown as { env: Record<string, string | undefined> }).env.VITE_SHIFT_DAYS ?? 0);
if (days) vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + days * 86_400_000, shouldAdvanceTime: true });
