// Year 0000 matches YYYY-MM-DD and is a date to JavaScript, but Postgres has no year 0: such dates
// and months must be refused as invalid input (400), not fail the query (500).
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { adminToken, bookableZone, book, idemKey, patientBody } from './helpers/fixtures';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z'), env: { RATE_LIMIT_ENABLED: '0' } });

describe('year 0000', () => {
  it('is a 400 in months, dates and birth dates', async () => {
    const { zone, site, doctor, slotIds } = await bookableZone(client);
    const admin = await adminToken();
    const answers = [
      await client.get('/v1/doctors/me/indemnities?month=0000-01', doctor.token),
      await client.get('/v1/indemnities?month=0000-12', admin),
      await client.get(`/v1/zones/${zone.siren}/stats?from=0000-01-01&to=2026-12-31`, admin),
      await client.post(
        '/v1/missions',
        { siteId: site.id, date: '0000-01-01', start: '09:00', end: '12:00', slotMinutes: 20 },
        doctor.token,
      ),
      await book(
        client,
        await token('patient'),
        { slotId: slotIds[0], patient: patientBody({ birthDate: '0000-01-01' }) },
        idemKey(),
      ),
    ];
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });
});
