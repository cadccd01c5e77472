// CSV as RFC 4180 says: CRLF line ends, fields quoted when they hold a comma, a quote or a line
// break, quotes doubled inside. Also quoted when they hold a semicolon: Excel in French splits on it.
// A sheet for French spreadsheets (`separator: ';'`) leaves commas alone: "200,00" is a number there.
//
// Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula, so a
// site named `=HYPERLINK(…)` would run on the reader's machine. As OWASP's CSV injection advice says,
// such a text cell gets a leading single quote, which the spreadsheet shows as text. Numbers are
// written as numbers: they are ours, never typed by someone, and -5 must stay a number.
const FORMULA_START = /^[=+\-@\t\r]/;

const field = (value: string | number, quoted: RegExp) => {
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return quoted.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  options: { separator?: ',' | ';' } = {},
): string {
  const separator = options.separator ?? ',';
  const quoted = separator === ';' ? /[";\r\n]/ : /[",;\r\n]/;
  return [header, ...rows].map((row) => `${row.map((value) => field(value, quoted)).join(separator)}\r\n`).join('');
}
