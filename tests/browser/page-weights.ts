// What each page costs a patient on a slow phone: the bytes of its HTML, CSS, JavaScript, fonts and
// images as Chromium loads them (uncompressed; production serves them compressed).
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';

const KINDS = { document: 'HTML', stylesheet: 'CSS', script: 'JS', font: 'fonts', image: 'images' } as const;
type Kind = (typeof KINDS)[keyof typeof KINDS] | 'other';

export type Weights = Record<Kind, number>;

export async function weighPage(context: BrowserContext, url: string): Promise<Weights> {
  const page = await context.newPage();
  const pending: Array<Promise<void>> = [];
  const weights: Weights = { HTML: 0, CSS: 0, JS: 0, fonts: 0, images: 0, other: 0 };
  page.on('response', (response) => {
    const kind: Kind = KINDS[response.request().resourceType() as keyof typeof KINDS] ?? 'other';
    pending.push(
      response.body().then(
        (body) => void (weights[kind] += body.length),
        () => undefined,
      ),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  await page.close();
  return weights;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A Markdown table, written to .dev/page-weights.md (for the README) and returned. */
export function reportWeights(rows: Array<[string, Weights]>, root: string): string {
  const header = '| Page | HTML | CSS | JS | Fonts | Images | Total |\n|---|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map(([name, w]) => {
    const total = Object.values(w).reduce((a, b) => a + b, 0);
    return `| ${name} | ${kb(w.HTML)} | ${kb(w.CSS)} | ${kb(w.JS)} | ${kb(w.fonts)} | ${kb(w.images)} | ${kb(total)} |`;
  });
  const table = [header, ...lines].join('\n');
  mkdirSync(`${root}.dev`, { recursive: true });
  writeFileSync(`${root}.dev/page-weights.md`, `${table}\n`);
  return table;
}
