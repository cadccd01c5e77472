// `npm start` holds a rush: the service started as `npm start` starts it (scripts/start.ts in a
// process of its own, over the Postgres server), 200 patients booking one slot at once. Under
// `wrangler dev` two of them got no HTTP answer at all; here every one must get 201, 409 or 429,
// exactly one 201, and the database must hold exactly one active booking for the slot.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMedecinClient } from '../clients/typescript/src';
import { ensureDatabase } from './db/ensure-database';
import { loadOrCreateDevKeys, tokenSigner } from './dev-keys';
import { freePort } from './free-port';

const root = new URL('..', import.meta.url).pathname;
const serverUrl = process.env.TEST_DATABASE_URL;
const N = 200;

if (!serverUrl) {
  console.warn(
    '\n*** scripts/start.test.ts SKIPPED: TEST_DATABASE_URL is not set. The npm start rush test runs only on a ' +
      'Postgres server (PGlite is a single backend and proves nothing about concurrency). ***\n',
  );
}

/**
 * The test's own database on the same server (`<name>_npm_start`), created on the first run and
 * kept: later runs skip the reference seed (~35,000 communes). Each run designates a zone of its
 * own in it, so runs never share a slot.
 */
function ownDatabaseUrl(url: string) {
  const u = new URL(url);
  u.pathname = `/${u.pathname.slice(1) || 'postgres'}_npm_start`;
  return { url: u.toString(), name: u.pathname.slice(1) };
}

async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.runIf(serverUrl)('npm start holds a rush (Postgres server)', () => {
  const db = ownDatabaseUrl(serverUrl ?? 'postgres://x/x');
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> | undefined;
  let output = '';
  let base = '';

  /** Ctrl-C as a terminal sends it: SIGINT to the whole process group. */
  const interrupt = (signal: NodeJS.Signals = 'SIGINT') => {
    try {
      process.kill(-child!.pid!, signal);
    } catch {
      // already gone
    }
  };

  beforeAll(async () => {
    await ensureDatabase(db.url);
    await loadOrCreateDevKeys(); // before the service reads it, so both use the same key pair
    const port = await freePort();
    // What `npm start` runs (package.json), with the database and the port in the environment.
    child = spawn(`${root}node_modules/.bin/tsx`, ['scripts/start.ts'], {
      cwd: root,
      detached: true, // its own process group: stopped as a whole, as Ctrl-C stops it
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), FORCE_COLOR: '0' },
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 75_000; // a first run seeds the reference data
    while (!/API listening on/.test(output)) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not listen in 75 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output).toContain(`http://127.0.0.1:${port}`);
    expect(output).toContain(db.name);
  }, 90_000);

  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    interrupt('SIGKILL');
    await exited;
  });

  it(`${N} concurrent bookings of one slot: every request answered 201/409/429, exactly one 201, one booking in SQL`, async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);

    const keys = await loadOrCreateDevKeys();
    const sign = await tokenSigner(keys.privateJwk);
    const post = async (path: string, body: unknown, token: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    // A zone of its own: an EPCI not yet designated, designated by an admin through the API.
    const admin = await sign({ role: 'admin', regions: 'national' }, 'ars-start-test', '10m');
    const [zone] = await query<{ siren: string; insee: string }>(
      db.url,
      `SELECT e.siren, c.insee FROM epci e JOIN communes c ON c.epci_siren = e.siren
       WHERE e.siren NOT IN (SELECT siren FROM priority_zones) AND cardinality(c.postcodes) > 0 AND c.departement IN ('23', '36', '48')
       ORDER BY random() LIMIT 1`,
    );
    const designated = await post(`/v1/zones/${zone.siren}/priority`, { source: 'scripts/start.test.ts' }, admin);
    expect(designated.status, JSON.stringify(designated.body)).toBe(201);
    const site = await post(
      '/v1/sites',
      {
        name: 'Maison de santé (test npm start)',
        address: '1 place de la Mairie',
        communeInsee: zone.insee,
        kind: 'maison_de_sante',
        phone: '05 55 00 00 00',
      },
      admin,
    );
    expect(site.status, JSON.stringify(site.body)).toBe(201);
    // One doctor, one 20-minute slot a week from now.
    const rpps = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
    const doctor = await sign({ role: 'doctor', rpps }, `dr-${rpps}`, '10m');
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const mission = await post(
      '/v1/missions',
      { siteId: site.body.id, date, start: '09:00', end: '09:20', slotMinutes: 20 },
      doctor,
    );
    expect(mission.status, JSON.stringify(mission.body)).toBe(201);
    const [slot] = await query<{ id: string }>(db.url, 'SELECT id FROM slots WHERE mission_id = $1', [mission.body.id]);

    // 200 patients, each with a token and an Idempotency-Key of their own, at once.
    const letters = (i: number) => [...String(i).padStart(3, '0')].map((d) => 'abcdefghij'[Number(d)]).join('');
    const patients = await Promise.all(
      Array.from({ length: N }, (_, i) => sign({ role: 'patient' }, `rush-${i}-${crypto.randomUUID()}`, '10m')),
    );
    const started = Date.now();
    const answers = await Promise.all(
      patients.map((token, i) =>
        post(
          '/v1/bookings',
          {
            slotId: slot.id,
            noOverbilling: true,
            patient: {
              firstName: 'Camille',
              lastName: `Rush-${letters(i)}`,
              birthDate: '1950-06-15',
              phone: `06${String(10_000_000 + i).slice(-8)}`,
            },
          },
          token,
          { 'idempotency-key': crypto.randomUUID() },
        ).then(
          (r) => String(r.status),
          (error: Error) => `no answer (${error.cause instanceof Error ? error.cause.message : error.message})`,
        ),
      ),
    );
    const counts: Record<string, number> = {};
    for (const a of answers) counts[a] = (counts[a] ?? 0) + 1;
    process.stderr.write(
      `npm start rush: ${N} bookings of one slot in ${Date.now() - started} ms: ${JSON.stringify(counts)}\n`,
    );

    expect(
      Object.keys(counts).filter((k) => !['201', '409', '429'].includes(k)),
      JSON.stringify(counts),
    ).toEqual([]);
    expect(counts['201']).toBe(1);
    const [{ n }] = await query<{ n: number }>(
      db.url,
      `SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1 AND status <> 'cancelled'`,
      [slot.id],
    );
    expect(n).toBe(1);
  }, 45_000);

  it('the generated TypeScript client (clients/typescript) books, reads, reschedules and cancels', async () => {
    const keys = await loadOrCreateDevKeys();
    const sign = await tokenSigner(keys.privateJwk);
    const admin = createMedecinClient({
      baseUrl: base,
      token: await sign({ role: 'admin', regions: 'national' }, 'ars-sdk-test', '10m'),
    });
    const [zone] = await query<{ siren: string; insee: string }>(
      db.url,
      `SELECT e.siren, c.insee FROM epci e JOIN communes c ON c.epci_siren = e.siren
       WHERE e.siren NOT IN (SELECT siren FROM priority_zones) AND cardinality(c.postcodes) > 0 AND c.departement IN ('23', '36', '48')
       ORDER BY random() LIMIT 1`,
    );
    expect(
      (
        await admin.POST('/v1/zones/{siren}/priority', {
          params: { path: { siren: zone.siren } },
          body: { source: 'SDK test' },
        })
      ).response.status,
    ).toBe(201);
    const site = await admin.POST('/v1/sites', {
      body: {
        name: 'Cabinet (test du client)',
        address: '2 place de la Mairie',
        communeInsee: zone.insee,
        kind: 'cabinet',
        phone: '05 55 00 00 01',
      },
    });
    expect(site.error).toBeUndefined();
    const rpps = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
    const doctor = createMedecinClient({
      baseUrl: base,
      token: await sign({ role: 'doctor', rpps }, `dr-${rpps}`, '10m'),
    });
    const date = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
    const mission = await doctor.POST('/v1/missions', {
      body: { siteId: site.data!.id, date, start: '10:00', end: '10:40', slotMinutes: 20 },
    });
    expect(mission.error).toBeUndefined();
    const [first, second] = await query<{ id: string }>(
      db.url,
      'SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at',
      [mission.data!.id],
    );

    const patient = createMedecinClient({
      baseUrl: base,
      token: () => sign({ role: 'patient' }, 'sdk-patient', '10m'),
    });
    const header = { 'idempotency-key': crypto.randomUUID() };
    const booked = await patient.POST('/v1/bookings', {
      params: { header },
      body: {
        slotId: first.id,
        noOverbilling: true,
        patient: { firstName: 'Camille', lastName: 'Client-Typé', birthDate: '1947-04-03', phone: '0611223344' },
      },
    });
    expect(booked.response.status, JSON.stringify(booked.error)).toBe(201);
    const id = booked.data!.id;
    const read = await patient.GET('/v1/bookings/{id}', { params: { path: { id } } });
    expect(read.data).toMatchObject({ id, status: 'booked', slot: { id: first.id } });
    const moved = await patient.POST('/v1/bookings/{id}/reschedule', {
      params: { path: { id }, header: { 'idempotency-key': crypto.randomUUID() } },
      body: { slotId: second.id },
    });
    expect(moved.data?.slot.id, JSON.stringify(moved.error)).toBe(second.id);
    const cancelled = await patient.POST('/v1/bookings/{id}/cancel', { params: { path: { id } } });
    expect(cancelled.data?.status, JSON.stringify(cancelled.error)).toBe('cancelled');
    // A refusal arrives typed as the problem it is.
    const again = await patient.POST('/v1/bookings/{id}/cancel', { params: { path: { id } } });
    expect(again.error?.code).toBeDefined();
  }, 45_000);

  it('serves the SMART bulk files from its start: their Cron Trigger fires once then, into the local R2', async () => {
    // The first generation runs beside start-up; it reads the whole demo publication.
    let manifest: Response | undefined;
    for (
      const deadline = Date.now() + 20_000;
      Date.now() < deadline;
      await new Promise((resolve) => setTimeout(resolve, 250))
    ) {
      manifest = await fetch(`${base}/fhir/$bulk-publish`);
      if (manifest.status !== 503) break;
      await manifest.arrayBuffer();
    }
    expect(manifest!.status).toBe(200);
    const { output: files } = (await manifest!.json()) as { output: Array<{ type: string; url: string }> };
    const slots = files.find((f) => f.type === 'Slot')!;
    const file = await fetch(`${base}${new URL(slots.url).pathname}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/fhir+ndjson');
    await file.arrayBuffer();
    expect(
      (
        await fetch(`${base}${new URL(slots.url).pathname}`, {
          headers: { 'if-none-match': file.headers.get('etag')! },
        })
      ).status,
    ).toBe(304);
  }, 30_000);

  it('keeps a keep-alive connection usable after refusing a request whose body it never read', async () => {
    // workerd closes such a connection silently unless the body is drained (src/middleware/drain-body.ts).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const request = http.request(
          `${base}${path}`,
          { method, agent, headers: body ? { 'content-type': 'application/json' } : {} },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, reused: request.reusedSocket }));
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    try {
      expect((await send('GET', '/health')).status).toBe(200);
      for (const path of ['/v1/bookings', '/v1/holds', '/nulle-part']) {
        expect(
          (await send('POST', path, JSON.stringify({ slotId: 'x', filler: 'a'.repeat(2000) }))).status,
        ).toBeGreaterThanOrEqual(400);
        expect(await send('GET', '/health')).toEqual({ status: 200, reused: true });
      }
    } finally {
      agent.destroy();
    }
  });

  it('stops cleanly on Ctrl-C: the port released', async () => {
    interrupt('SIGINT');
    const code = await Promise.race([
      exited!,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000)),
    ]);
    // 0 from our own stop, or 130 (the shell's code for Ctrl-C) when the tsx wrapper, which gets the
    // same signal, answers for it first on a busy machine; either way the stop below must be complete.
    expect([0, 130], output.slice(-2_000)).toContain(code);
    expect(output).toContain('stopping');
    await expect(fetch(`${base}/health`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }, 20_000);
});
