import { describe, expect, it } from 'vitest';
import { isGsm7, smsLength } from './gsm';
import { NOTIFICATION_KINDS } from './kinds';
import { MAX_SMS_SEGMENTS, emailMessage, frenchDateTime, smsText, type MessageFacts } from './messages';

const facts = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  kind: 'confirmation',
  reference: 'K7M4PXQ2',
  linkToken: 'Xq3_v9Lm-2TzR8kW0pYc4A',
  startsAt: new Date('2026-12-15T08:20:00Z'),
  timeZone: 'Europe/Paris',
  siteName: 'Maison de santé de Pissos',
  address: '1 place de la Mairie, 40410 Pissos',
  publicUrl: 'https://medecin-pres-de-chez-vous.sante.gouv.fr',
  callCentrePhone: '+33800000000',
  ...over,
});

// Among the longest real names and addresses of French health centres and communes, and the
// longest the API accepts (200 and 300 characters).
const LONG_SITES = [
  [
    'Maison de santé pluriprofessionnelle universitaire de Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson',
    'Centre hospitalier intercommunal, 12 bis avenue du Maréchal-de-Lattre-de-Tassigny, 51290 Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson',
  ],
  [
    'Centre de santé communal « Les Œillets » – Hôpital de proximité de Châteauneuf-sur-Loire',
    'Rue de l’Abbé-Grégoire prolongée, résidence Les Marronniers, bâtiment C, 45110 Châteauneuf-sur-Loire',
  ],
  ['Maison de santé de Saint-Martin-de-l’Arçon', '2 ruelle du Four, 34390 Saint-Martin-de-l’Arçon'],
  ['N'.repeat(200), 'A'.repeat(300)],
  ['€'.repeat(200), '{'.repeat(300)],
];

describe('message texts', () => {
  it('dates the French way, as the pages do: "9 h 20", "14 h", with no-break spaces', () => {
    expect(frenchDateTime(new Date('2026-12-15T08:20:00Z'), 'Europe/Paris')).toBe(
      'mardi 15 décembre à 9\u00a0h\u00a020',
    );
    expect(frenchDateTime(new Date('2026-08-01T12:05:00Z'), 'America/Cayenne')).toBe(
      'samedi 1 août à 9\u00a0h\u00a005',
    );
    expect(frenchDateTime(new Date('2026-12-15T13:00:00Z'), 'Europe/Paris')).toBe('mardi 15 décembre à 14\u00a0h');
  });

  it("the confirmation SMS says when, where, the tariff in the pages' words, how to cancel or move, and the reference", () => {
    const text = smsText(facts());
    expect(text).toBe(
      "RDV confirmé mardi 15 décembre à 9 h 20 : Maison de santé de Pissos, 1 place de la Mairie, 40410 Pissos. Au tarif de la Sécurité sociale, sans dépassement d'honoraires. Annuler, déplacer : https://medecin-pres-de-chez-vous.sante.gouv.fr/rdv/Xq3_v9Lm-2TzR8kW0pYc4A ou 0 800 00 00 00. Réf. K7M4PXQ2",
    );
    // Its accented letters (é, à) are GSM-7: 7-bit parts of 153, not UCS-2 ones of 67.
    expect(smsLength(text)).toMatchObject({ encoding: 'gsm7', segments: 2 });
  });

  it('no template needs a letter outside GSM-7 (ê, ç, ’ would be replaced): the words stay as written', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const offer = kind === 'waitlist_offer' ? { offerExpiresAt: new Date('2026-12-15T10:00:00Z') } : {};
      const text = smsText(
        facts({ kind, siteName: 'Cabinet', address: '1 rue', startsAt: new Date('2026-12-15T13:00:00Z'), ...offer }),
      );
      expect(text, kind).not.toMatch(/Empeche|Securite|depassement/);
      expect(text, kind).toContain('à 14 h ');
      if (['confirmation', 'reminder', 'change', 'waitlist_offer'].includes(kind))
        expect(text, kind).toContain("Au tarif de la Sécurité sociale, sans dépassement d'honoraires.");
    }
  });

  it('every SMS template stays GSM-7 and within 2 parts, even with the longest site names and addresses', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const [siteName, address] of LONG_SITES) {
        for (const timeZone of ['Europe/Paris', 'America/Cayenne', 'Indian/Reunion']) {
          const offer = kind === 'waitlist_offer';
          // An offer has no booking yet, so no reference: it is answered through its own link.
          const extra = offer ? { reference: null, offerExpiresAt: new Date('2026-09-28T10:00:00Z') } : {};
          const text = smsText(
            facts({ kind, siteName, address, timeZone, startsAt: new Date('2026-09-30T14:50:00Z'), ...extra }),
          );
          expect(isGsm7(text), text).toBe(true);
          expect(smsLength(text).segments, text).toBeLessThanOrEqual(MAX_SMS_SEGMENTS);
          if (!offer) expect(text).toContain('Réf. K7M4PXQ2');
          // Every message but a cancellation carries the personal link, whole.
          if (offer) expect(text).toContain('/attente/Xq3_v9Lm-2TzR8kW0pYc4A ');
          else if (kind !== 'cancellation') expect(text).toContain('/rdv/Xq3_v9Lm-2TzR8kW0pYc4A ');
          expect(text).toMatch(/ 0 800 00 00 00(\. |$)/);
          // The place gives way, never the tariff's words.
          if (['confirmation', 'reminder', 'change', 'waitlist_offer'].includes(kind))
            expect(text).toContain('tarif de la Sécurité sociale');
          expect(text).toMatch(/ à \d{1,2} h( \d{2})? /);
        }
      }
    }
  });

  it('a short place is kept whole; a long one is cut with "..."', () => {
    expect(smsText(facts())).toContain('Maison de santé de Pissos, 1 place de la Mairie, 40410 Pissos.');
    const [siteName, address] = LONG_SITES[0];
    const text = smsText(facts({ siteName, address }));
    expect(text).toContain('Maison de santé pluriprofessionnelle');
    expect(text).toContain('...');
  });

  it('without a personal link, a message points to /rdv (reference and birth date)', () => {
    expect(smsText(facts({ linkToken: undefined }))).toContain('gouv.fr/rdv ou 0 800 00 00 00');
  });

  it('a cancellation says how to book again; a change gives the new time', () => {
    expect(smsText(facts({ kind: 'cancellation' }))).toContain('est annulé');
    expect(smsText(facts({ kind: 'cancellation' }))).toContain('Reprendre RDV');
    expect(smsText(facts({ kind: 'change' }))).toContain('déplacé au mardi 15 décembre à 9 h 20');
    expect(smsText(facts({ kind: 'reminder' }))).toContain('demain mardi 15 décembre à 9 h 20');
  });

  it('the email has the full place, text and HTML, with the HTML escaped', () => {
    const email = emailMessage(facts({ siteName: 'Centre <Les Œillets> & co' }));
    expect(email.subject).toBe('Votre rendez-vous est confirmé – mardi 15 décembre à 9\u00a0h\u00a020');
    expect(email.text).toContain(
      'Tarif : Consultation au tarif de la Sécurité sociale, sans dépassement d’honoraires.',
    );
    expect(email.text).toContain('par téléphone au 0 800 00 00 00.');
    expect(email.text).toContain('Lieu : Centre <Les Œillets> & co, 1 place de la Mairie, 40410 Pissos');
    expect(email.text).toContain('sans dépassement d’honoraires');
    expect(email.html).toContain('Centre &#60;Les Œillets&#62; &#38; co');
    expect(email.html).toContain(
      '<a href="https://medecin-pres-de-chez-vous.sante.gouv.fr/rdv/Xq3_v9Lm-2TzR8kW0pYc4A">',
    );
    expect(emailMessage(facts({ kind: 'cancellation' })).text).toContain(
      'Pour reprendre rendez-vous : https://medecin-pres-de-chez-vous.sante.gouv.fr/ ',
    );
  });
});
