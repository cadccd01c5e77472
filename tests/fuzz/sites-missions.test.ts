import { fuzzGroup } from './suite';

fuzzGroup('sites-missions');
