/** A business rule said no. The HTTP layer turns it into a problem (422 unless stated). */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly status: 409 | 422 = 422,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}
