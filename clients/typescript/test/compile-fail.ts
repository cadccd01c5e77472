// Type-checked, never run (scripts/sdk.test.ts runs tsc on it): bodies the contract refuses must
// not compile. Each @ts-expect-error fails the check if the line below it ever type-checks.
import { createMedecinClient } from '../src';

const client = createMedecinClient({ baseUrl: 'http://127.0.0.1:8787', token: 't' });
const patient = { firstName: 'Jeanne', lastName: 'Martin', birthDate: '1950-06-15', phone: '0612345678' };
const header = { 'idempotency-key': 'k-0000000001' };

export async function refused() {
  // Neither slotId nor holdId.
  // @ts-expect-error
  await client.POST('/v1/bookings', { params: { header }, body: { patient, noOverbilling: true } });
  // noOverbilling missing, or false.
  // @ts-expect-error
  await client.POST('/v1/bookings', { params: { header }, body: { slotId: 'x', patient } });
  // @ts-expect-error
  await client.POST('/v1/bookings', { params: { header }, body: { slotId: 'x', patient, noOverbilling: false } });
  // No Idempotency-Key.
  // @ts-expect-error
  await client.POST('/v1/bookings', { body: { slotId: 'x', patient, noOverbilling: true } });
}

export async function accepted() {
  await client.POST('/v1/bookings', { params: { header }, body: { slotId: 'x', patient, noOverbilling: true } });
  await client.POST('/v1/bookings', { params: { header }, body: { holdId: 'x', patient, noOverbilling: true } });
}
