// The short page a problem's `type` URI resolves to: what the code means, in the reader's language.
import type { Language } from '../../lib/language';
import { PROBLEMS, type ProblemCode, type ProblemEntry } from '../../domain/problems';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const LABELS = {
  en: { heading: 'Problem codes', status: 'HTTP status', other: 'In the other language', all: 'All problem codes' },
  fr: {
    heading: 'Codes d’erreur',
    status: 'Statut HTTP',
    other: 'Dans l’autre langue',
    all: 'Tous les codes d’erreur',
  },
} as const;

const page = (language: Language, title: string, body: string) => `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

export function problemPage(code: ProblemCode, entry: ProblemEntry, language: Language): string {
  const text = entry[language];
  const other = entry[language === 'fr' ? 'en' : 'fr'];
  const statuses = [entry.status, ...(entry.otherStatuses ?? [])].join(', ');
  const labels = LABELS[language];
  return page(
    language,
    `${code} — ${text.title}`,
    `<h1><code>${code}</code> — ${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.description)}</p>
<p>${labels.status}: ${statuses}</p>
<section lang="${language === 'fr' ? 'en' : 'fr'}"><h2>${escapeHtml(other.title)}</h2><p>${escapeHtml(other.description)}</p></section>
<p><a href="/problems">${labels.all}</a></p>`,
  );
}

export function problemIndexPage(language: Language): string {
  const rows = Object.entries(PROBLEMS)
    .map(
      ([code, entry]) =>
        `<tr><td><a href="/problems/${code}"><code>${code}</code></a></td><td>${entry.status}</td><td>${escapeHtml(entry[language].title)}</td></tr>`,
    )
    .join('\n');
  const labels = LABELS[language];
  return page(
    language,
    labels.heading,
    `<h1>${labels.heading}</h1>\n<table>\n<thead><tr><th>code</th><th>${labels.status}</th><th></th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`,
  );
}
