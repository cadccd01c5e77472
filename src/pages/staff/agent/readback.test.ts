import { describe, expect, it } from 'vitest';
import { euros } from '../../format';
import { readback } from './readback';

describe('the readback an agent says on the phone', () => {
  it('says the day, time, doctor, place, address and that nothing more will be paid', () => {
    const text = readback(
      {
        startsAt: new Date('2026-12-08T08:20:00Z'),
        timeZone: 'Europe/Paris',
        doctor: { givenName: 'Jeanne', familyName: 'Martin' },
        siteName: 'la maison de santé',
        address: '12 rue du Bourg',
        communeName: 'Pissos',
        sitePhone: '+33558000000',
        amountCents: 3000,
      },
      new Date('2026-12-01T08:00:00Z'),
    );
    expect(text).toBe(
      'Le mardi 8 décembre à 9\u00a0h\u00a020, avec le docteur Jeanne Martin, à la maison de santé, adresse 12 rue du Bourg, Pissos. ' +
        `Le patient ne paiera aucun dépassement d’honoraires : la consultation coûte ${euros(3000)}, au tarif de la Sécurité sociale. ` +
        'Le téléphone du lieu de consultation est le 05 58 00 00 00.',
    );
  });

  it('leaves the doctor out when their name is not known', () => {
    const text = readback(
      {
        startsAt: new Date('2026-12-08T13:00:00Z'),
        timeZone: 'America/Cayenne',
        doctor: null,
        siteName: 'Centre',
        address: '1 place',
        communeName: 'Maripasoula',
        sitePhone: '+594594000000',
        amountCents: 3000,
      },
      new Date('2026-12-01T08:00:00Z'),
    );
    expect(text.startsWith('Le mardi 8 décembre à 10\u00a0h, à Centre, adresse 1 place, Maripasoula.')).toBe(true);
  });
});
