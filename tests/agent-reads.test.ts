// Agents read patients' data only within a call, on every door: REST reads of a booking, its
// notifications, the bookings list, the call list and the missions list, and FHIR Appointment
// reads refuse an agent without X-Call-Reference (call_reference_required) or with a malformed one
// (invalid_call_reference), change nothing, and audit each answered read with its call.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });

describe('agents name the call they read patient data in', () => {
  it('every read of patient data needs the call’s reference from an agent, and is audited with it', async () => {
    const { zone, slotIds } = await bookableZone(client);
    const agent = await token('agent', { sub: `agent-${crypto.randomUUID()}` });
    const created = await book(client, agent, { slotId: slotIds[0], callReference: 'CALL-1' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const reads = [
      `/v1/bookings/${id}`,
      `/v1/bookings/${id}/notifications`,
      '/v1/bookings',
      '/v1/call-list',
      `/v1/missions?status=missed&epci=${zone.siren}`,
      `/fhir/Appointment/${id}`,
    ];
    const auditRows = async () =>
      (await sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE booking_id = $1', [id]))[0].n;
    for (const path of reads) {
      const before = await auditRows();
      const missing = await client.get(path, agent);
      expect(missing.status, path).toBe(400);
      const code = path.startsWith('/fhir') ? missing.body.issue[0].details.coding[0].code : missing.body.code;
      expect(code, path).toBe('call_reference_required');
      const malformed = await client.get(path, agent, { 'x-call-reference': 'not a call; DROP' });
      expect(malformed.status, path).toBe(400);
      expect(await auditRows(), `${path}: a refused read reads nothing`).toBe(before);
      expect((await client.get(path, agent, { 'x-call-reference': 'CALL-2' })).status, path).toBe(200);
    }
    const audited = await sql<{ action: string; call_reference: string }>(
      `SELECT action, call_reference FROM audit_events WHERE booking_id = $1 AND call_reference = 'CALL-2' ORDER BY id`,
      [id],
    );
    expect(audited.map((a) => a.action)).toEqual([
      'booking.read',
      'booking.notifications',
      'booking.list',
      'booking.read',
    ]);
  });

  it('other roles read as before, without a call', async () => {
    const { slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const created = await book(client, patient, { slotId: slotIds[0] });
    expect((await client.get(`/v1/bookings/${created.body.id}`, patient)).status).toBe(200);
    expect((await client.get(`/v1/bookings/${created.body.id}`, await token('admin'))).status).toBe(200);
  });
});
