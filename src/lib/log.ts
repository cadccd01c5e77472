// Structured logs: ids, codes and timings only. Never request bodies or patient data.
export function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, string | number | boolean | null | undefined>) {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
