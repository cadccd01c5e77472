// The appointment as an iCalendar file (RFC 5545) a patient adds to their phone's calendar: when,
// where, the reference and how to cancel; never the patient's own details. Times in UTC: every
// calendar shows them in local time. Written here because the `ics` package (3.12) fails to load
// inside workerd (its nanoid import); one VEVENT needs only escaping and line folding.
import type { Booking } from '../../core/bookings/bookings.presenters';
import { readablePhone } from '../../domain/phone';

/**
 * TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). A lone CR
 * counts as a break too: some readers end a line on it, so unescaped it would start a property.
 */
const text = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

/** 20261210T080000Z */
const utc = (instant: string) =>
  new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Lines of at most 75 octets, continued with CRLF and a space (§3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = new TextEncoder().encode(char).length;
    if (size + length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `manageUrl`: where to cancel, as the door the file came from allows (never a personal link: calendars sync to other services). */
export function calendarFile(b: Booking, manageUrl: string, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Un medecin pres de chez vous//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${b.id}@medecin-pres-de-chez-vous`,
    `DTSTAMP:${utc(now.toISOString())}`,
    `DTSTART:${utc(b.slot.startsAt)}`,
    `DTEND:${utc(b.slot.endsAt)}`,
    `SUMMARY:${text(`Consultation – ${b.site.name}`)}`,
    `LOCATION:${text(`${b.site.name}, ${b.site.address}, ${b.site.commune.name}`)}`,
    `DESCRIPTION:${text(`Référence ${b.reference}. Téléphone du lieu : ${readablePhone(b.site.phone)}. Consultation au tarif de la Sécurité sociale, sans dépassement d’honoraires. Pour annuler : ${manageUrl}`)}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
