// For domain unit tests: the ProblemError a call raises (any other outcome fails the test).
import { ProblemError } from './problem';

export function violationOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a ProblemError');
}
