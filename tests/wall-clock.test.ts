// No rule reads the wall clock: "now" is injected (the request's clock, the cron's scheduled time,
// the Queue consumer's clock), so that no result depends on the day the code runs. Only the clock's
// own module reads the real time, plus the timers named below, which measure durations for logs
// and never decide anything.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob<string>(['../src/**/*.ts', '../src/**/*.tsx', '!../src/**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

const CLOCK_MODULE = '../src/lib/clock.ts';
/** Where the real time is the right one, and why. */
const SYSTEM_CLOCK_CALLERS: Record<string, string> = {
  '../src/index.ts': 'the Worker entry: the real time for requests and the Queue consumer',
  '../src/app.ts': 'the default clock of createApp (tests pass their own)',
  '../src/middleware/auth.ts': 'JWTs are checked against the time their issuer signed them with',
  '../src/events/webhooks/attempt.ts': 'receivers check webhook-timestamp against their own clock',
};
/** Durations for logs and Server-Timing; never compared with a date. */
const DURATION_TIMERS = new Set([
  '../src/middleware/access-log.ts',
  '../src/middleware/rate-limit.ts',
  '../src/core/zones/known-zones.ts',
  '../src/fhir/bulk/generate.ts',
]);

const WALL_CLOCK_READS: Array<[string, RegExp]> = [
  ['Date.now()', /\bDate\.now\s*\(/],
  ['new Date() without an argument', /\bnew\s+Date\s*\(\s*\)/],
  ['Date() called as a function', /(?<![\w.]|new\s)Date\s*\(\s*\)/],
  // SQL: the statement's time is the database's wall clock, not the operation's.
  ['SQL now()', /(?<![\w.$])now\s*\(\s*\)/i],
  // Upper or lower case, as SQL is written; a camelCase name such as localTime is JavaScript.
  [
    'SQL current_timestamp/current_date/localtimestamp',
    /\b(current_timestamp|current_date|current_time|localtimestamp|localtime|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|LOCALTIMESTAMP|LOCALTIME)\b/,
  ],
  [
    'SQL clock_timestamp()/statement_timestamp()/transaction_timestamp()',
    /\b(clock|statement|transaction)_timestamp\s*\(/i,
  ],
];
const PERFORMANCE_NOW = /\bperformance\.now\s*\(/;
const SYSTEM_CLOCK_CALL = /\bsystemClock\b/;

/** Code only: comment lines may name what they avoid. */
const codeLines = (text: string) =>
  text
    .split('\n')
    .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), n: i + 1 }))
    .filter(({ line }) => !/^\s*(\*|\/\*)/.test(line));

function wallClockReads(files: Record<string, string>) {
  const found: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    if (file === CLOCK_MODULE) continue;
    for (const { line, n } of codeLines(text)) {
      for (const [what, pattern] of WALL_CLOCK_READS)
        if (pattern.test(line)) found.push(`${file.slice(3)}:${n}: ${what}`);
      if (PERFORMANCE_NOW.test(line) && !DURATION_TIMERS.has(file))
        found.push(`${file.slice(3)}:${n}: performance.now() outside the named timers`);
      if (SYSTEM_CLOCK_CALL.test(line) && !(file in SYSTEM_CLOCK_CALLERS))
        found.push(`${file.slice(3)}:${n}: systemClock outside the named callers`);
    }
  }
  return found;
}

describe('the wall clock', () => {
  it('is read only by src/lib/clock.ts, called only where the real time is meant (and by the named duration timers)', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(wallClockReads(sources)).toEqual([]);
  });

  it('the scan finds each kind of read, in code but not in comments', () => {
    const planted = {
      '../src/core/x.ts':
        'const a = Date.now();\nconst b = new Date();\nconst c = Date();\n// Date.now() in a comment\nconst d = new Date(now.getTime());',
      '../src/core/y.queries.ts': 'sql`UPDATE t SET at = now() WHERE d < CURRENT_DATE OR c < clock_timestamp()`',
      '../src/core/z.ts': 'const t = performance.now();\nconst u = systemClock();',
    };
    expect(wallClockReads(planted)).toEqual([
      'src/core/x.ts:1: Date.now()',
      'src/core/x.ts:2: new Date() without an argument',
      'src/core/x.ts:3: Date() called as a function',
      'src/core/y.queries.ts:1: SQL now()',
      'src/core/y.queries.ts:1: SQL current_timestamp/current_date/localtimestamp',
      'src/core/y.queries.ts:1: SQL clock_timestamp()/statement_timestamp()/transaction_timestamp()',
      'src/core/z.ts:1: performance.now() outside the named timers',
      'src/core/z.ts:2: systemClock outside the named callers',
    ]);
  });
});
