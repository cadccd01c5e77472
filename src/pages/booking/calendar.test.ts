import { describe, expect, it } from 'vitest';
import type { Booking } from '../../core/bookings/bookings.presenters';
import { calendarFile } from './calendar';

// As the presenter writes it: local times with the site's offset, which the file turns into UTC.
const booking = {
  id: '0196f1c2-5b7e-7a4e-9c1d-3f2b8e6a1d20',
  reference: 'K7M4PXQ2',
  slot: { startsAt: '2026-12-10T09:00:00+01:00', endsAt: '2026-12-10T09:20:00+01:00' },
  site: {
    name: 'Maison de santé, des Tilleuls; Nord',
    address: '2 rue de la Poste',
    commune: { name: 'Saint-Étienne-d’Orthe' },
    phone: '0555000000',
  },
} as Booking;

describe('the .ics file', () => {
  const file = calendarFile(booking, 'https://example.fr/mes-rendez-vous', new Date('2026-12-07T08:00:00Z'));
  const lines = file.split('\r\n');

  it('is one VEVENT in UTC, with escaped text', () => {
    expect(lines).toContain('DTSTART:20261210T080000Z');
    expect(lines).toContain('DTEND:20261210T082000Z');
    expect(file).toContain('Maison de santé\\, des Tilleuls\\; Nord');
    expect(file.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('folds every line to 75 octets at most, continuations starting with a space', () => {
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    const unfolded = file.replace(/\r\n /g, '');
    expect(unfolded).toContain('Pour annuler : https://example.fr/mes-rendez-vous');
  });
});
