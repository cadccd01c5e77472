import { fuzzGroup } from './suite';

fuzzGroup('zones');
