// Refusals shared by every operation that claims a slot (holds and bookings).
import { problem } from '../../domain/problem';

export const slotUnavailable = () =>
  problem('slot_unavailable', 'This slot is already booked or held by someone else. Search again for another.');
