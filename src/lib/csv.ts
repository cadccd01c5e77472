// CSV as RFC 4180 says: CRLF line ends, fields quoted when they hold a comma, a quote or a line
// break, quotes doubled inside.
const field = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}
