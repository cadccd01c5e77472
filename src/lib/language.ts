// Which of the API's two languages a request prefers (Accept-Language, RFC 9110 §12.5.4).
export type Language = 'fr' | 'en';

/** French when the caller ranks French above English; English otherwise (the default). */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  let best: { language: Language; q: number } = { language: 'en', q: 0 };
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const language = range.split('-')[0];
    if (language !== 'fr' && language !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > best.q) best = { language, q };
  }
  return best.language;
}
