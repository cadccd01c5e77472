// Refusals shared by every operation that claims a slot (holds and bookings).
import { ProblemError } from '../../lib/problem';

export const slotUnavailable = () =>
  new ProblemError(409, 'slot_unavailable', 'Slot unavailable', 'This slot is already booked or held by someone else. Search again for another.');
