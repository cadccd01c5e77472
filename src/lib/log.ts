// Structured logs: ids, codes and timings only. Never request bodies or patient data.
export function log(
  level: 'info' | 'warn' | 'error',
  event: string,
  fields: Record<string, string | number | boolean | null | undefined>,
) {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

/**
 * An error for a log line without the data it may carry: Drizzle's "Failed query" message ends with
 * the statement's parameters (names, birth dates), so only its first words are kept, followed by
 * the driver's cause and the Postgres error code that explain it.
 */
export function errorSummary(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const message = e.message.startsWith('Failed query') ? 'Failed query' : e.message.split('\n')[0].slice(0, 160);
    const code = (e as { code?: unknown }).code;
    parts.push(`${e.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${message}`);
  }
  return parts.length ? parts.join(' <- ') : String(error).slice(0, 160);
}
