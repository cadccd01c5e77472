import { describe, expect, it } from 'vitest';
import { errorSummary } from './log';

describe('errorSummary', () => {
  it('keeps the cause and its code, and drops a failed query’s statement and parameters', () => {
    const cause = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    const error = new Error('Failed query: insert into bookings (patient_name) values ($1)\nparams: Alice Martin', {
      cause,
    });
    const text = errorSummary(error);
    expect(text).toBe('Error: Failed query <- Error [57014]: canceling statement due to statement timeout');
    expect(text).not.toContain('Alice');
  });

  it('keeps only the first line of other messages', () => {
    expect(errorSummary(new TypeError('bad\nsecond line'))).toBe('TypeError: bad');
    expect(errorSummary('plain')).toBe('plain');
  });
});
