import { fuzzGroup } from './suite';

fuzzGroup('bookings');
