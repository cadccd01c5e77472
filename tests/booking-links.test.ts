// Managing a booking without an account (issue 22 §1): the booking's reference, and the personal
// link /rdv/<token> every message carries.
import { describe, expect, it } from 'vitest';
import { BOOKING_REFERENCE } from '../src/domain/booking-reference';
import { idemKey, patientBody } from './helpers/fixtures';
import { missionDay, planning } from './helpers/mission-day';
import { waitForMessages } from './helpers/sink';
import { token } from './helpers/tokens';

const DAY = '2026-12-17';
const e164 = (national: string) => `+33${national.slice(1)}`;

async function bookWeb(slotId: string, patient = patientBody()) {
  const res = await planning.post('/v1/bookings', { noOverbilling: true, slotId, patient }, await token('patient'), { 'idempotency-key': idemKey() });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; reference: string };
}

describe('the booking reference', () => {
  it('is a short unambiguous code, distinct per booking, in the API and on the confirmation SMS', async () => {
    const d = await missionDay({ date: DAY });
    const patient = patientBody();
    const first = await bookWeb(d.slotIds[0], patient);
    const second = await bookWeb(d.slotIds[1]);
    expect(first.reference).toMatch(BOOKING_REFERENCE);
    expect(second.reference).toMatch(BOOKING_REFERENCE);
    expect(first.reference).not.toBe(second.reference);
    const [sms] = await waitForMessages(e164(patient.phone));
    expect(sms.text).toContain(`Réf. ${first.reference}`);
  });
});
