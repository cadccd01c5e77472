// What the agent says on the phone once a booking is made or found, in plain words: day and time
// the French way, the doctor, the place and address, and that nothing beyond the tarif opposable
// will be asked.
import { readablePhone } from '../../../domain/phone';
import { euros, frenchDateTime } from '../../format';

export interface Readable {
  startsAt: Date;
  timeZone: string;
  doctor: { givenName: string; familyName: string } | null;
  siteName: string;
  address: string;
  communeName: string;
  sitePhone: string;
  amountCents: number;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Le mardi 3 décembre à 9 h 20, avec le docteur Jeanne Martin, à la maison de santé, adresse …". */
export function readback(b: Readable, now: Date): string {
  const when = capitalised(`le ${frenchDateTime(b.startsAt, b.timeZone, now)}`);
  const doctor = b.doctor ? `, avec le docteur ${b.doctor.givenName} ${b.doctor.familyName}` : '';
  return (
    `${when}${doctor}, à ${b.siteName}, adresse ${b.address}, ${b.communeName}. ` +
    `Le patient ne paiera aucun dépassement d’honoraires : la consultation coûte ${euros(b.amountCents)}, au tarif de la Sécurité sociale. ` +
    `Le téléphone du lieu de consultation est le ${readablePhone(b.sitePhone)}.`
  );
}
