// A setting missing or invalid: the API answers 503 `misconfigured` until an operator fixes it (src/env.ts).
export class ConfigurationError extends Error {}
