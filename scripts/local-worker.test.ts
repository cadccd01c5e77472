// Which wrangler.toml schedules the local worker can fire, and how often (scripts/local-worker.ts).
import { describe, expect, it } from 'vitest';
import { everyMinutes } from './local-worker';

describe('everyMinutes', () => {
  it('reads every minute and every N minutes for N dividing the hour', () => {
    expect(everyMinutes('* * * * *')).toBe(1);
    expect(everyMinutes('*/5 * * * *')).toBe(5);
    expect(everyMinutes(' */15 * * * * ')).toBe(15);
  });

  it('refuses any other schedule rather than fire it at the wrong times', () => {
    for (const cron of ['*/7 * * * *', '*/0 * * * *', '0 * * * *', '*/5 3 * * *', '17 3 * * *', '*/60 * * * *'])
      expect(everyMinutes(cron), cron).toBeUndefined();
  });
});
