import { SignJWT, UnsecuredJWT, base64url, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { configOf, type Env } from '../src/env';
import { verifyToken } from '../src/middleware/auth';
import { ProblemError } from '../src/domain/problem';
import { env, productionEnv } from './helpers/env';
import { signed, token } from './helpers/tokens';

const client = api();

async function expectRefused(bearer: string, code = 'invalid_token') {
  const res = await client.get('/v1/me', bearer);
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.headers.get('www-authenticate')).toContain('Bearer');
  expect(res.body.code).toBe(code);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** A complete, valid claim set issued now for 10 minutes, with some claims replaced or removed (undefined). */
const claims = (changes: Record<string, unknown> = {}) => {
  const iat = nowSeconds();
  const all: Record<string, unknown> = {
    role: 'patient',
    sub: 'p-1',
    iss: env.JWT_ISSUER,
    aud: env.JWT_AUDIENCE,
    iat,
    exp: iat + 600,
    ...changes,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
};

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
    const past = nowSeconds() - 3600;
    await expectRefused(await signed(claims({ iat: past - 600, exp: past })));
  });

  it('refuses a wrong audience or issuer', async () => {
    await expectRefused(await token('patient', {}, { audience: 'another-api' }));
    await expectRefused(await token('patient', {}, { issuer: 'https://evil.example' }));
  });

  it('refuses alg "none"', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin' })
      .setSubject('x')
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    await expectRefused(unsigned);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const publicJwk = JSON.parse(env.JWT_DEV_JWKS!).keys[0];
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: 'test' })
      .setSubject('x')
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await expectRefused(forged);
  });

  it('refuses a token whose payload was tampered with', async () => {
    const [header, , signature] = (await token('patient', { sub: 'p-1' })).split('.');
    const payload = base64url.encode(
      JSON.stringify({
        role: 'admin',
        sub: 'p-1',
        iss: env.JWT_ISSUER,
        aud: env.JWT_AUDIENCE,
        iat: nowSeconds(),
        exp: nowSeconds() + 300,
      }),
    );
    await expectRefused(`${header}.${payload}.${signature}`);
  });

  it('refuses a token signed by a key the API does not trust', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const foreign = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setSubject('x')
      .setIssuer(env.JWT_ISSUER)
      .setAudience(env.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
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

  it('does not trust the development key set once a JWKS URL is configured', async () => {
    // Any reachable URL that serves no key set will do: the local proxy answers 426 to plain HTTP.
    const production = api({ env: { JWT_JWKS_URL: `http://${env.DB_PROXY}/jwks.json` } });
    const res = await production.get('/v1/me', await token('patient'));
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('auth_unavailable');
  });
});

describe("access tokens only (the header's typ), and subjects of their own", () => {
  const untyped = api({ env: { JWT_UNTYPED_ACCESS_TOKENS: 'accept' } });

  it('accepts at+jwt, with or without application/, in any case', async () => {
    for (const typ of ['at+jwt', 'application/at+jwt', 'AT+JWT', 'Application/At+Jwt']) {
      expect((await client.get('/v1/me', await signed(claims(), { typ }))).status, typ).toBe(200);
    }
  });

  it('refuses JWT, no typ, and every other type by default', async () => {
    for (const typ of [
      'JWT',
      'application/jwt',
      undefined,
      'logout+jwt',
      'secevent+jwt',
      'dpop+jwt',
      'JOSE',
      'id_token',
      '',
    ]) {
      const res = await client.get('/v1/me', await signed(claims(), { typ }));
      expect(res.status, String(typ)).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('invalid_token');
      expect(res.body.detail).toContain('not an access token');
    }
  });

  it('takes JWT or no typ from an issuer configured as not typing its access tokens, and still nothing else', async () => {
    for (const typ of ['JWT', 'jwt', undefined, 'at+jwt'])
      expect((await untyped.get('/v1/me', await signed(claims(), { typ }))).status, String(typ)).toBe(200);
    for (const typ of ['logout+jwt', 'secevent+jwt', 'JOSE'])
      expect((await untyped.get('/v1/me', await signed(claims(), { typ }))).status, typ).toBe(401);
  });

  it("refuses a token whose sub claims a sign-in session's prefix (fc:, pc:, psc:)", async () => {
    for (const sub of ['fc:0123abcd', 'pc:agent', 'psc:810001234567', 'FC:0123abcd']) {
      const res = await client.get('/v1/me', await token('patient', { sub }));
      expect(res.status, sub).toBe(401);
      expect(res.body.code).toBe('invalid_token');
      expect(res.body.detail).toContain('reserved');
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    }
    // The same letters elsewhere in a subject are anyone's.
    expect((await client.get('/v1/me', await token('patient', { sub: 'app-fc:1' }))).status).toBe(200);
  });
});

describe('token lifetime (JWT_MAX_TOKEN_AGE_SECONDS, 3600 by default)', () => {
  it('accepts a complete token living exactly the maximum', async () => {
    const iat = nowSeconds();
    expect((await client.get('/v1/me', await signed(claims({ iat, exp: iat + 3600 })))).status).toBe(200);
  });

  it('refuses a token without exp, iat or sub', async () => {
    await expectRefused(await signed(claims({ exp: undefined })));
    await expectRefused(await signed(claims({ iat: undefined })));
    await expectRefused(await signed(claims({ sub: undefined })));
  });

  it('refuses a token issued longer ago than the maximum age, even if it has not expired', async () => {
    const iat = nowSeconds() - 3600 - 60;
    await expectRefused(await signed(claims({ iat, exp: iat + 3600 + 300 })));
  });

  it('refuses a token issued for longer than the maximum (exp too far)', async () => {
    const iat = nowSeconds();
    await expectRefused(await signed(claims({ iat, exp: iat + 3601 })));
    await expectRefused(await signed(claims({ iat, exp: iat + 365 * 86_400 })));
  });

  it('refuses a token issued in the future beyond the clock tolerance', async () => {
    const iat = nowSeconds() + 120;
    await expectRefused(await signed(claims({ iat, exp: iat + 600 })));
  });

  it('follows the configured maximum', async () => {
    const short = api({ env: { JWT_MAX_TOKEN_AGE_SECONDS: '300' } });
    const res = await short.get('/v1/me', await token('patient', {}, { expiresIn: '10m' }));
    expect(res.status).toBe(401);
    expect((await short.get('/v1/me', await token('patient', {}, { expiresIn: '5m' }))).status).toBe(200);
  });
});

describe('verified tokens kept by the isolate (a minute at most, never past the token)', () => {
  const config = configOf(env);
  const at = (seconds: number) => new Date(seconds * 1000);
  async function refusedAt(bearer: string, seconds: number, settings = config) {
    const error = await verifyToken(settings, bearer, at(seconds)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(401);
  }

  it('stops admitting a token once it has expired, even within the minute', async () => {
    const iat = nowSeconds();
    const bearer = await signed(claims({ sub: 'p-cache-1', iat, exp: iat + 10 }));
    expect((await verifyToken(config, bearer, at(iat))).sub).toBe('p-cache-1');
    // Within the 30 s clock tolerance, as jose would say.
    expect((await verifyToken(config, bearer, at(iat + 39))).sub).toBe('p-cache-1');
    await refusedAt(bearer, iat + 40);
  });

  it('stops admitting a token past its maximum age, and checks again after a minute', async () => {
    const iat = nowSeconds();
    const bearer = await signed(claims({ sub: 'p-cache-2', iat, exp: iat + 3600 }));
    expect((await verifyToken(config, bearer, at(iat))).sub).toBe('p-cache-2');
    // A minute later the signature is checked again (a withdrawn key stops admitting within that time).
    expect((await verifyToken(config, bearer, at(iat + 61))).sub).toBe('p-cache-2');
    await refusedAt(bearer, iat + 3600 + 30);
  });

  it('keeps a verdict for the configuration that gave it only', async () => {
    const bearer = await token('patient');
    const iat = nowSeconds();
    expect((await verifyToken(config, bearer, at(iat))).role).toBe('patient');
    await refusedAt(bearer, iat, { ...config, JWT_AUDIENCE: 'another-audience' });
    await refusedAt(bearer, iat, { ...config, JWT_MAX_TOKEN_AGE_SECONDS: 60 });
  });
});

describe('authentication configuration', () => {
  async function expectMisconfigured(bindings: Partial<Env>, path = '/v1/me') {
    const res = await api({ env: bindings }).get(path, await token('patient'));
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('misconfigured');
  }

  it('in production, refuses to serve with the development key set only (the dev-signed token is not accepted)', async () => {
    await expectMisconfigured({ ENVIRONMENT: 'production' });
    await expectMisconfigured({ ENVIRONMENT: 'production' }, '/v1/zones');
  });

  it('in production, refuses a JWKS URL that is not https', async () => {
    await expectMisconfigured({ ...productionEnv, JWT_JWKS_URL: 'http://auth.example/jwks.json' });
  });

  it("in production, refuses a Queue consumer that dates its work at the events' time (a test setting)", async () => {
    await expectMisconfigured({ ...productionEnv, QUEUE_CLOCK: 'event' }, '/v1/zones');
  });

  it('in production, never trusts the development key set beside an https JWKS URL', async () => {
    const production = api({ env: productionEnv });
    const res = await production.get('/v1/me', await token('patient'));
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('auth_unavailable');
  });

  it('refuses to check tokens without an issuer or an audience, or without any key', async () => {
    await expectMisconfigured({ JWT_ISSUER: undefined });
    await expectMisconfigured({ JWT_ISSUER: '' });
    await expectMisconfigured({ JWT_AUDIENCE: undefined });
    await expectMisconfigured({ JWT_DEV_JWKS: undefined });
    await expectMisconfigured({ JWT_DEV_JWKS: 'not json' });
    await expectMisconfigured({ ENVIRONMENT: 'staging' });
  });

  it('answers 503 auth_unavailable with Retry-After when the key set cannot be fetched, not 401', async () => {
    const unreachable = api({ env: { JWT_JWKS_URL: 'http://127.0.0.1:9/jwks.json' } });
    const res = await unreachable.get('/v1/me', await token('patient'));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('auth_unavailable');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Anonymous requests need no key and are still served.
    expect((await unreachable.get('/v1/zones')).status).toBe(200);
  });

  it('refuses (401) a forged token before fetching any key', async () => {
    const unreachable = api({ env: { JWT_JWKS_URL: 'http://127.0.0.1:9/jwks.json' } });
    const unsigned = new UnsecuredJWT(claims()).encode();
    expect((await unreachable.get('/v1/me', unsigned)).status).toBe(401);
  });
});
