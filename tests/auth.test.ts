import { SignJWT, UnsecuredJWT, base64url, generateKeyPair, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { token } from './helpers/tokens';

const client = api();

async function expectRefused(bearer: string, code = 'invalid_token') {
  const res = await client.get('/v1/me', bearer);
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.headers.get('www-authenticate')).toContain('Bearer');
  expect(res.body.code).toBe(code);
}

describe('bearer tokens', () => {
  it('accepts a valid ES256 token and returns its claims', async () => {
    const res = await client.get('/v1/me', await token('doctor', { sub: 'doc-1', rpps: '10001234567' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sub: 'doc-1', role: 'doctor', rpps: '10001234567' });
  });

  it('refuses a missing token on a protected route', async () => {
    const res = await client.get('/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await client.request('GET', '/v1/me', { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
  });

  it('refuses an expired token (beyond the clock tolerance)', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const key = JSON.parse(env.TEST_PRIVATE_JWK);
    const expired = await new SignJWT({ role: 'patient' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setSubject('p').setIssuer(env.JWT_ISSUER).setAudience(env.JWT_AUDIENCE)
      .setIssuedAt(past - 600).setExpirationTime(past)
      .sign(await importJWK(key, 'ES256'));
    await expectRefused(expired);
  });

  it('refuses a wrong audience or issuer', async () => {
    await expectRefused(await token('patient', {}, { audience: 'another-api' }));
    await expectRefused(await token('patient', {}, { issuer: 'https://evil.example' }));
  });

  it('refuses alg "none"', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin' }).setSubject('x').setIssuer(env.JWT_ISSUER).setAudience(env.JWT_AUDIENCE).setExpirationTime('5m').encode();
    await expectRefused(unsigned);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const publicJwk = JSON.parse(env.JWT_DEV_JWKS!).keys[0];
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: 'test' })
      .setSubject('x').setIssuer(env.JWT_ISSUER).setAudience(env.JWT_AUDIENCE).setExpirationTime('5m')
      .sign(secret);
    await expectRefused(forged);
  });

  it('refuses a token whose payload was tampered with', async () => {
    const [header, , signature] = (await token('patient', { sub: 'p-1' })).split('.');
    const payload = base64url.encode(JSON.stringify({ role: 'admin', sub: 'p-1', iss: env.JWT_ISSUER, aud: env.JWT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 }));
    await expectRefused(`${header}.${payload}.${signature}`);
  });

  it('refuses a token signed by a key the API does not trust', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const foreign = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setSubject('x').setIssuer(env.JWT_ISSUER).setAudience(env.JWT_AUDIENCE).setExpirationTime('5m')
      .sign(privateKey);
    await expectRefused(foreign);
  });

  it('refuses a doctor token without an RPPS, and an unknown role', async () => {
    await expectRefused(await token('doctor', { sub: 'd' }));
    await expectRefused(await token('superuser' as never));
  });

  it('refuses an invalid token even on a public route', async () => {
    const res = await client.get('/v1/zones', 'not.a.token');
    expect(res.status).toBe(401);
  });

  it('does not trust the development key set once a production JWKS URL is configured', async () => {
    // Any reachable URL that serves no key set will do: the local proxy answers 426 to plain HTTP.
    const production = api({ env: { JWT_JWKS_URL: `http://${env.DB_PROXY}/jwks.json` } });
    const res = await production.get('/v1/me', await token('patient'));
    expect(res.status).toBe(401);
  });
});
