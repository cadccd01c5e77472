// Runs the deploy guide's database steps (docs/operating.md §3) on a fresh database of its own, with
// the guide's own commands: the owner role (psql), the migrations and reference data as the owner
// (npm run db:migrate, npm run db:seed), then the application role's grants (psql, one transaction).
// Then proves that the application role can serve and cannot alter the audit trail nor switch its
// trigger off. Roles are cluster-wide: unique names,
// dropped afterwards. PGlite has a single user, so this runs only on the Postgres server.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const script = (name: string) => new URL(`./production-roles/${name}`, import.meta.url).pathname;
const suffix = crypto.randomUUID().slice(0, 8);
const names = {
  owner_role: `mpdcv_owner_t${suffix}`,
  app_role: `mpdcv_app_t${suffix}`,
  database: `mpdcv_roles_t${suffix}`,
};

const adminUrl = inject('databaseUrl');
/** The test server's URL, on another database and, when given, as another (password-less) role. */
function urlOf(database: string, user?: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (user) [url.username, url.password] = [user, ''];
  return url.toString();
}

async function psql(url: string, file: string, ...options: string[]) {
  const vars = Object.entries(names).flatMap(([k, v]) => ['-v', `${k}=${v}`]);
  await run('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...vars, ...options, '-f', script(file)]);
}

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function refusedCode(client: pg.Client, sql: string) {
  const error = await client.query(sql).then(
    () => undefined,
    (e: { code?: string }) => e,
  );
  return error?.code ?? 'accepted';
}

describe.skipIf(inject('embeddedDb'))('production database roles', () => {
  let app: pg.Client;
  let owner: pg.Client;

  beforeAll(async () => {
    await psql(adminUrl, '1-owner.sql');
    const asOwner = { env: { ...process.env, DATABASE_URL: urlOf(names.database, names.owner_role) } };
    await run('npm', ['run', '-s', 'db:migrate'], asOwner);
    await run('npm', ['run', '-s', 'db:seed'], asOwner);
    await psql(urlOf(names.database), '2-application.sql', '-1');
    app = await connect(urlOf(names.database, names.app_role));
    owner = await connect(urlOf(names.database, names.owner_role));
  }, 120_000);

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    const admin = await connect(adminUrl);
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS "${names.app_role}"`);
      await admin.query(`DROP ROLE IF EXISTS "${names.owner_role}"`);
    } finally {
      await admin.end();
    }
  });

  it('lets the application read the reference data the owner seeded', async () => {
    const { rows } = await app.query(
      'SELECT (SELECT count(*) FROM epci)::int AS epci, (SELECT count(*) FROM communes)::int AS communes',
    );
    expect(rows[0].epci).toBeGreaterThan(1000);
    expect(rows[0].communes).toBeGreaterThan(30_000);
  });

  it('lets the application append to the audit trail and read it', async () => {
    await app.query(`INSERT INTO audit_events (at, actor_role, actor_sub, booking_id, action, outcome)
                     VALUES (now(), 'agent', 'agent-1', gen_random_uuid(), 'cancel', 'ok')`);
    expect((await app.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(1);
  });

  it('refuses the application UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    expect(await refusedCode(app, `UPDATE audit_events SET outcome = 'rewritten'`)).toBe('42501');
    expect(await refusedCode(app, 'DELETE FROM audit_events')).toBe('42501');
    expect(await refusedCode(app, 'TRUNCATE audit_events')).toBe('42501');
  });

  it('refuses the application any way around the append-only trigger', async () => {
    expect(await refusedCode(app, 'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change')).toBe('42501');
    expect(await refusedCode(app, 'ALTER TABLE audit_events DISABLE TRIGGER ALL')).toBe('42501');
    expect(await refusedCode(app, 'DROP TRIGGER audit_events_no_change ON audit_events')).toBe('42501');
    expect(await refusedCode(app, 'SET session_replication_role = replica')).toBe('42501');
    expect(await refusedCode(app, 'DROP TABLE audit_events')).toBe('42501');
    expect(await refusedCode(app, 'CREATE TABLE shadow (x int)')).toBe('42501');
    expect(await refusedCode(app, 'TRUNCATE bookings CASCADE')).toBe('42501');
    const { rows } = await app.query(
      `SELECT rolsuper, rolcreaterole, rolbypassrls, pg_has_role($1, $2, 'MEMBER') AS in_owner FROM pg_roles WHERE rolname = $1`,
      [names.app_role, names.owner_role],
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolbypassrls: false, in_owner: false });
  });

  it('lets the application change the rows of the other tables, including those of later migrations', async () => {
    expect(await refusedCode(app, `UPDATE bookings SET status = status WHERE false`)).toBe('accepted');
    expect(await refusedCode(app, 'DELETE FROM holds WHERE false')).toBe('accepted');
    await owner.query('CREATE TABLE later_migration (id bigserial PRIMARY KEY, note text)');
    await app.query(`INSERT INTO later_migration (note) VALUES ('a')`);
    expect(await refusedCode(app, `UPDATE later_migration SET note = 'b'`)).toBe('accepted');
    expect(await refusedCode(app, 'DELETE FROM later_migration')).toBe('accepted');
  });

  it('lets the owner delete audit rows older than the retention cut-off, in one transaction, the trigger on again afterwards', async () => {
    await app.query(`INSERT INTO audit_events (at, actor_role, actor_sub, action, outcome)
                     VALUES ('2025-01-10T10:00:00Z', 'agent', 'agent-old', 'booking.cancel', '200'),
                            ('2026-02-10T10:00:00Z', 'agent', 'agent-kept', 'booking.cancel', '200')`);
    const subs = async () =>
      (await owner.query(`SELECT actor_sub FROM audit_events WHERE actor_sub IN ('agent-old', 'agent-kept')`)).rows.map(
        (r) => r.actor_sub,
      );
    // Without the cut-off, nothing happens.
    await expect(psql(urlOf(names.database, names.owner_role), '3-audit-retention.sql', '-1')).rejects.toThrow();
    expect((await subs()).sort()).toEqual(['agent-kept', 'agent-old']);
    // As the application role, the script is refused and deletes nothing.
    await expect(
      psql(urlOf(names.database, names.app_role), '3-audit-retention.sql', '-1', '-v', 'before=2026-01-04'),
    ).rejects.toThrow();
    expect((await subs()).sort()).toEqual(['agent-kept', 'agent-old']);

    await psql(urlOf(names.database, names.owner_role), '3-audit-retention.sql', '-1', '-v', 'before=2026-01-04');
    expect(await subs()).toEqual(['agent-kept']);
    // The trigger is on again: even the owner cannot delete outside the procedure.
    expect(await refusedCode(owner, `DELETE FROM audit_events WHERE actor_sub = 'agent-kept'`)).toBe('AU001');
  });

  it('refuses to grant anything before the migrations have run', async () => {
    const admin = await connect(adminUrl);
    const empty = `${names.database}_empty`;
    try {
      await admin.query(`CREATE DATABASE "${empty}"`);
      await expect(psql(urlOf(empty), '2-application.sql', '-1')).rejects.toThrow(/"audit_events" does not exist/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${empty}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
