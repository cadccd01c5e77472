// For domain unit tests: the RuleViolation a call raises (any other outcome fails the test).
import { RuleViolation } from './errors';

export function violationOf(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
  throw new Error('expected a RuleViolation');
}
