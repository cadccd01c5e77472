// Messages to patients through the real path: a booking's event goes through the Queue to the
// patient-messages deliverer, which sends through the Brevo adapter to the local sink.
import { describe, expect, it } from 'vitest';
import { book, idemKey, patientBody } from './helpers/fixtures';
import { at, missionDay, planning } from './helpers/mission-day';
import { notificationsOf, waitForMessages, waitForNotifications } from './helpers/sink';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const DAY = '2026-12-16';
const e164 = (national: string) => `+33${national.slice(1)}`;

describe('confirmation', () => {
  it('reaches the sink by SMS and email, with the place and the tarif opposable, and no birth date or name', async () => {
    const d = await missionDay({ date: DAY, site: { name: 'Maison de santé des Landes', address: '3 rue du Lavoir, 40410 Pissos' } });
    const patient = { ...patientBody({ birthDate: '1941-03-07' }), email: `p-${crypto.randomUUID()}@example.fr` };
    const res = await planning.post('/v1/bookings', { noOverbilling: true, slotId: d.slotIds[0], patient }, await token('patient'), { 'idempotency-key': idemKey() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.notifications).toEqual({ sms: true, email: true });
    expect(res.headers.get('x-db-queries')).toBe('1');

    const [sms] = await waitForMessages(e164(patient.phone));
    expect(sms.channel).toBe('sms');
    expect(sms.sender).toBe('MedecinPres');
    expect(sms.text).toContain('RDV confirmé mercredi 16 décembre à 9h00 : Maison de santé des Landes, 3 rue du Lavoir, 40410 Pissos.');
    expect(sms.text).toContain("sans dépassement d'honoraires");
    expect(sms.text).toContain('08 00 00 00 00');
    const [email] = await waitForMessages(patient.email);
    expect(email.subject).toContain('Votre rendez-vous est confirmé');
    for (const m of [sms, email]) {
      for (const secret of ['1941', '07/03', patient.firstName, patient.lastName]) expect(m.text).not.toContain(secret);
    }
    const rows = await waitForNotifications(res.body.id, (r) => r.filter((n) => n.status === 'sent').length === 2);
    expect(rows.map((r) => `${r.kind}/${r.channel}/${r.status}`)).toEqual([
      'confirmation/email/sent', 'confirmation/sms/sent', 'reminder/email/scheduled', 'reminder/sms/scheduled',
    ]);
  });
});
