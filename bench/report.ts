// Printing the results as aligned tables, and writing bench/results.json (git-ignored).
import { writeFileSync } from 'node:fs';
import type { LoadStats } from './load';

const ms = (v: number) =>
  Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '–';
export const lat = (s: LoadStats) => `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`;
export const rps = (s: LoadStats) => s.rps.toFixed(0);
export const times = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–';
export const statuses = (h: Record<string, number>) =>
  Object.entries(h)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}:${v}`)
    .join(' ') || '–';

export function table(title: string, header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

export function writeResults(results: unknown) {
  const file = new URL('./results.json', import.meta.url);
  writeFileSync(
    file,
    `${JSON.stringify(results, (_, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v), 2)}\n`,
  );
  return file.pathname;
}
