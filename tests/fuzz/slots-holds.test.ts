import { fuzzGroup } from './suite';

fuzzGroup('slots-holds');
