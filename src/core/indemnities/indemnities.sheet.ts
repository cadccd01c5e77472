// The ARS's monthly indemnity file as a French spreadsheet opens it (LibreOffice, Excel in French):
// `;` between columns, UTF-8 with a byte-order mark (without it Excel reads the accents as
// Windows-1252), French headers, dates as JJ/MM/AAAA, euros and hours with a decimal comma, the
// site's and the doctor's names, and a total line. The API's CSV (exportCsv) stays as programs parse it.
import { toCsv } from '../../lib/csv';
import type { IndemnitySheetLine } from './indemnities.operations';

export const SHEET_HEADER = [
  'RPPS',
  'Médecin',
  'Date',
  'Lieu',
  'FINESS',
  'SIREN de la zone',
  'Journée prévue',
  'Heures de présence',
  'Montant (€)',
  'Motif de correction',
] as const;

const DAY_KINDS = { full: 'Journée complète', half: 'Demi-journée' } as const;
const BOM = '\uFEFF';

/** 20000 → "200,00": a number to a French spreadsheet, never "200.00" (text there) nor cents. */
export const sheetEuros = (cents: number) =>
  `${Math.trunc(cents / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const sheetNumber = (n: number) => String(n).replace('.', ',');
const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

export function indemnitySheet(lines: IndemnitySheetLine[]): string {
  const total = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const rows = lines.map((l) => [
    l.rpps,
    l.doctorName,
    frenchDate(l.date),
    l.siteName,
    l.finess ?? '',
    l.epciSiren,
    DAY_KINDS[l.dayKind],
    sheetNumber(l.presenceHours),
    sheetEuros(l.amountCents),
    l.correctionReason ?? '',
  ]);
  const totalRow = ['Total', '', '', '', '', '', '', '', sheetEuros(total), ''];
  return BOM + toCsv(SHEET_HEADER, [...rows, totalRow], { separator: ';' });
}
