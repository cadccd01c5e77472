import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((s) => s.id);

describe('holds', () => {
  it('a hold keeps the slot for 5 minutes, in one statement, and hides it from search', async () => {
    const { zone, slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const hold = await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    expect(hold.status).toBe(201);
    expect(hold.body).toEqual({ id: expect.any(String), slotId: slotIds[0], expiresAt: '2026-12-01T08:05:00.000Z' });
    expect(hold.headers.get('x-db-queries')).toBe('1');
    expect(ids(await client.get(`/v1/slots?epci=${zone.siren}`))).not.toContain(slotIds[0]);
    const other = await token('patient');
    expect((await client.post('/v1/holds', { slotId: slotIds[0] }, other)).body.code).toBe('slot_unavailable');
    expect((await book(client, other, { slotId: slotIds[0] })).body.code).toBe('slot_unavailable');
  });

  it('call-centre agents hold for 10 minutes', async () => {
    const { slotIds } = await bookableZone(client);
    const hold = await client.post('/v1/holds', { slotId: slotIds[0] }, await token('agent'));
    expect(hold.body.expiresAt).toBe('2026-12-01T08:10:00.000Z');
  });

  it('an expired hold frees the slot with no background job', async () => {
    const { zone, slotIds } = await bookableZone(client);
    await client.post('/v1/holds', { slotId: slotIds[0] }, await token('patient'));
    const later = api({ now: new Date('2026-12-01T08:05:00Z') });
    expect(ids(await later.get(`/v1/slots?epci=${zone.siren}`))).toContain(slotIds[0]);
    expect((await later.post('/v1/holds', { slotId: slotIds[0] }, await token('patient'))).status).toBe(201);
  });

  it('releasing a hold frees the slot at once; only its owner can release it', async () => {
    const { zone, slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const hold = await client.post('/v1/holds', { slotId: slotIds[1] }, patient);
    expect((await client.del(`/v1/holds/${hold.body.id}`, await token('patient'))).status).toBe(404);
    expect((await client.del(`/v1/holds/${hold.body.id}`, patient)).status).toBe(204);
    expect(ids(await client.get(`/v1/slots?epci=${zone.siren}`))).toContain(slotIds[1]);
    expect((await client.del(`/v1/holds/${hold.body.id}`, patient)).status).toBe(404);
  });

  it('one active hold per caller and patient: a new hold releases the previous one', async () => {
    const { zone, slotIds } = await bookableZone(client);
    const patient = await token('patient');
    const first = await client.post('/v1/holds', { slotId: slotIds[0] }, patient);
    const second = await client.post('/v1/holds', { slotId: slotIds[1] }, patient);
    expect(second.status).toBe(201);
    const visible = ids(await client.get(`/v1/slots?epci=${zone.siren}`));
    expect(visible).toContain(slotIds[0]);
    expect(visible).not.toContain(slotIds[1]);
    const [old] = await sql<{ status: string }>(`SELECT status FROM holds WHERE id = $1`, [first.body.id]);
    expect(old.status).toBe('released');
    // A failed hold does not lose the one you have.
    await client.post('/v1/holds', { slotId: slotIds[2] }, await token('patient'));
    expect((await client.post('/v1/holds', { slotId: slotIds[2] }, patient)).status).toBe(409);
    expect(ids(await client.get(`/v1/slots?epci=${zone.siren}`))).not.toContain(slotIds[1]);
  });

  it('an integrator holds one slot per patient reference', async () => {
    const { slotIds } = await bookableZone(client);
    const partner = await token('integrator', { client_id: `app-${crypto.randomUUID()}` });
    expect((await client.post('/v1/holds', { slotId: slotIds[0], patientRef: 'p-1' }, partner)).status).toBe(201);
    expect((await client.post('/v1/holds', { slotId: slotIds[1], patientRef: 'p-2' }, partner)).status).toBe(201);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM holds WHERE slot_id = ANY($1::uuid[]) AND status = 'active'`,
      [slotIds],
    );
    expect(n).toBe(2);
  });

  it('refuses unknown and started slots, and roles that do not book', async () => {
    const { slotIds } = await bookableZone(client);
    expect((await client.post('/v1/holds', { slotId: crypto.randomUUID() }, await token('patient'))).status).toBe(404);
    const during = api({ now: new Date('2026-12-10T08:30:00Z') });
    expect((await during.post('/v1/holds', { slotId: slotIds[0] }, await token('patient'))).body.code).toBe(
      'slot_unavailable',
    );
    expect(
      (await client.post('/v1/holds', { slotId: slotIds[0] }, await token('doctor', { rpps: '10000000001' }))).status,
    ).toBe(403);
    expect((await client.post('/v1/holds', { slotId: slotIds[0] })).status).toBe(401);
    expect((await client.post('/v1/holds', { slotId: 'x' }, await token('patient'))).status).toBe(400);
  });
});
