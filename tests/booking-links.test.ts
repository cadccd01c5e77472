// Managing a booking without an account (issue 22 §1): the booking's reference, and the personal
// link /rdv/<token> every message carries.
import { describe, expect, it } from 'vitest';
import { BOOKING_REFERENCE } from '../src/domain/booking-reference';
import { idemKey, patientBody } from './helpers/fixtures';
import { missionDay, planning } from './helpers/mission-day';
import { waitForMessages } from './helpers/sink';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const DAY = '2026-12-17';
const e164 = (national: string) => `+33${national.slice(1)}`;

async function bookWeb(slotId: string, patient = patientBody()) {
  const res = await planning.post('/v1/bookings', { noOverbilling: true, slotId, patient }, await token('patient'), {
    'idempotency-key': idemKey(),
  });
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

const linkOf = (text: string) => /\/rdv\/([A-Za-z0-9_-]{22})(?:\s|$)/.exec(text)?.[1];
const sha256 = async (s: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

describe('the personal link in messages', () => {
  it('each message carries its own 128-bit token; only its hash is stored; a move ends them and the change notice brings a new one', async () => {
    const d = await missionDay({ date: DAY });
    const patient = { ...patientBody(), email: `p-${crypto.randomUUID()}@example.fr` };
    const patientToken = await token('patient');
    const res = await planning.post(
      '/v1/bookings',
      { noOverbilling: true, slotId: d.slotIds[0], patient },
      patientToken,
      { 'idempotency-key': idemKey() },
    );
    expect(res.status).toBe(201);
    const [sms] = await waitForMessages(e164(patient.phone));
    const [email] = await waitForMessages(patient.email);
    const smsLink = linkOf(sms.text)!;
    const emailLink = linkOf(email.text)!;
    expect(smsLink).toBeDefined();
    expect(emailLink).toBeDefined();
    expect(smsLink).not.toBe(emailLink);
    const stored = await sql<{ token_hash: string }>(
      `SELECT token_hash FROM booking_links WHERE booking_id = $1 ORDER BY token_hash`,
      [res.body.id],
    );
    expect(stored.map((r) => r.token_hash)).toEqual([await sha256(smsLink), await sha256(emailLink)].sort());
    // The token itself is nowhere in the database.
    const [{ found }] = await sql<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM booking_links WHERE token_hash IN ($1, $2)) AS found`,
      [smsLink, emailLink],
    );
    expect(found).toBe(false);

    const moved = await planning.post(
      `/v1/bookings/${res.body.id}/reschedule`,
      { slotId: d.slotIds[3] },
      patientToken,
      { 'idempotency-key': idemKey() },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const [change] = (await waitForMessages(e164(patient.phone), 2)).filter((m) => m.text.includes('RDV déplacé'));
    const changeLink = linkOf(change.text)!;
    expect(changeLink).toBeDefined();
    const after = await sql<{ token_hash: string }>(`SELECT token_hash FROM booking_links WHERE booking_id = $1`, [
      res.body.id,
    ]);
    expect(after.map((r) => r.token_hash)).not.toContain(await sha256(smsLink));
    expect(after.map((r) => r.token_hash)).toContain(await sha256(changeLink));
  });

  it('a cancellation notice sends the patient to the home page, with no link', async () => {
    const d = await missionDay({ date: DAY });
    const patient = patientBody();
    const booking = await bookWeb(d.slotIds[0], patient);
    await waitForMessages(e164(patient.phone));
    const cancelled = await planning.del(`/v1/missions/${d.mission.id}`, d.doctor.token);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBeLessThan(300);
    const [notice] = (await waitForMessages(e164(patient.phone), 2)).filter((m) => m.text.includes('est annulé'));
    expect(linkOf(notice.text)).toBeUndefined();
    expect(booking.reference).toMatch(BOOKING_REFERENCE);
  });
});
