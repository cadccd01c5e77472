// `npm run -s token -- --role ROLE --sub ID [--rpps N] [--client-id C] [--ttl 1h]`
// prints a JWT that the local server (npm start) accepts. Development only.
import { parseArgs } from 'node:util';
import { SignJWT, importJWK } from 'jose';
import { loadOrCreateDevKeys } from './dev-keys';

const ROLES = ['patient', 'integrator', 'agent', 'doctor', 'admin'];
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    sub: { type: 'string' },
    rpps: { type: 'string' },
    'client-id': { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});
const fail = (message: string) => {
  console.error(`token: ${message}\nusage: npm run -s token -- --role ${ROLES.join('|')} --sub ID [--rpps 11DIGITS] [--client-id C] [--ttl 1h]`);
  process.exit(2);
};
if (!values.role || !ROLES.includes(values.role)) fail('--role is required');
if (!values.sub) fail('--sub is required');
if (values.role === 'doctor' && !/^\d{11}$/.test(values.rpps ?? '')) fail('a doctor needs --rpps with 11 digits');
if (values.role === 'integrator' && !values['client-id']) fail('an integrator needs --client-id');

// Must match wrangler.toml's [vars].
const ISSUER = 'https://auth.medecin-pres-de-chez-vous.fr';
const AUDIENCE = 'medecin-pres-de-chez-vous-api';
const keys = await loadOrCreateDevKeys();
const claims: Record<string, string> = { role: values.role! };
if (values.rpps) claims.rpps = values.rpps;
if (values['client-id']) claims.client_id = values['client-id'];
const jwt = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'ES256', kid: String(keys.privateJwk.kid) })
  .setSubject(values.sub!)
  .setIssuer(ISSUER)
  .setAudience(AUDIENCE)
  .setIssuedAt()
  .setExpirationTime(values.ttl!)
  .sign(await importJWK(keys.privateJwk, 'ES256'));
console.log(jwt);
