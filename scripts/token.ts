// `npm run -s token -- --role ROLE --sub ID [--rpps N] [--client-id C] [--regions 75,76 | --national] [--ttl 1h]`
// prints a JWT that the local server (npm start) accepts. Development only.
import { parseArgs } from 'node:util';
import { loadOrCreateDevKeys, tokenSigner } from './dev-keys';
import { NATIONAL, scopeOfClaim } from '../src/domain/region-scope';

const ROLES = ['patient', 'integrator', 'agent', 'doctor', 'admin'];
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    sub: { type: 'string' },
    rpps: { type: 'string' },
    'client-id': { type: 'string' },
    // ARS staff (admin): their INSEE regions, or the whole country said explicitly; one of them is required.
    regions: { type: 'string' },
    national: { type: 'boolean' },
    // The API refuses tokens issued for longer than JWT_MAX_TOKEN_AGE_SECONDS (1 h by default).
    ttl: { type: 'string', default: '1h' },
  },
});
const fail = (message: string) => {
  console.error(
    `token: ${message}\nusage: npm run -s token -- --role ${ROLES.join('|')} --sub ID [--rpps 11DIGITS] [--client-id C] [--regions 75,76 | --national] [--ttl 1h]`,
  );
  process.exit(2);
};
if (!values.role || !ROLES.includes(values.role)) fail('--role is required');
if (!values.sub) fail('--sub is required');
if (values.role === 'doctor' && !/^\d{11}$/.test(values.rpps ?? '')) fail('a doctor needs --rpps with 11 digits');
if (values.role === 'integrator' && !values['client-id']) fail('an integrator needs --client-id');
const regions = values.regions?.split(',').map((code) => code.trim());
if (values.role === 'admin' && (regions === undefined) === !values.national)
  fail('an admin needs --regions (INSEE codes, e.g. 75,76) or --national, not both');
if (regions && !scopeOfClaim(regions)) fail(`--regions takes INSEE region codes, e.g. 75,76 (got ${values.regions})`);

const keys = await loadOrCreateDevKeys();
const claims: Record<string, string | string[]> = { role: values.role! };
if (values.role === 'admin') claims.regions = values.national ? NATIONAL : regions!;
if (values.rpps) claims.rpps = values.rpps;
if (values['client-id']) claims.client_id = values['client-id'];
console.log(await (await tokenSigner(keys.privateJwk))(claims, values.sub!, values.ttl!));
