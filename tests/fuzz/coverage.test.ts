import { fuzzGroup } from './suite';

fuzzGroup('coverage');
