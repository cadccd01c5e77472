// npm run check:config as an operator runs it (tsx, wrangler.toml, a vars file), on the shipped
// example and on copies of it with one thing wrong: the exit code and the line that names it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const EXAMPLE = 'deploy/production.vars.example';
const example = readFileSync(join(root, EXAMPLE), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'mpdcv-check-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function check(varsFile: string, environment = 'production'): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      join(root, 'node_modules/.bin/tsx'),
      ['scripts/check-config.ts', '--env', environment, '--vars', varsFile],
      { cwd: root },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr });
      },
    );
  });
}

/** The example with `edit` applied, as a file of its own. */
function variant(name: string, edit: (text: string) => string): string {
  const file = join(scratch, `${name}.vars`);
  writeFileSync(file, edit(example));
  return file;
}

describe('npm run check:config', () => {
  it('accepts the shipped example (placeholders in the right formats), as CI runs it', async () => {
    const { code, output } = await check(EXAMPLE);
    expect(output).toContain('configuration ok');
    expect(code).toBe(0);
  });

  it('refuses a plain-http JWKS URL, naming it and never printing a value it read', async () => {
    const { code, output } = await check(
      variant('http-jwks', (t) => t.replace(/^JWT_JWKS_URL=https:/m, 'JWT_JWKS_URL=http:')),
    );
    expect(code).toBe(1);
    expect(output).toContain('JWT_JWKS_URL: production requires an https JWT_JWKS_URL');
    expect(output).not.toContain('auth.medecin-pres-de-chez-vous.fr/.well-known');
    for (const secret of example.match(/^(DATABASE_URL|[A-Z_]+_(SECRET|KEY))=.*$/gm)!)
      expect(output).not.toContain(secret.split('=').slice(1).join('='));
  });

  it('lists each ARS account without regions: national is said, never assumed', async () => {
    const { code, output } = await check(
      variant('ars-no-region', (t) =>
        t.replace(
          /^ARS_ACCOUNTS=.*$/m,
          'ARS_ACCOUNTS=a@ars.invalid=76, @ars-x.invalid, b@ars.invalid=99, dg@sante.invalid=national',
        ),
      ),
    );
    expect(code).toBe(1);
    expect(output).toContain('ARS_ACCOUNTS: @ars-x.invalid names no region');
    expect(output).toContain('ARS_ACCOUNTS: b@ars.invalid names unknown regions "99"');
    expect(output).toMatch(/^2 problems in /m);
  });

  it('refuses the local database proxy', async () => {
    const { code, output } = await check(variant('db-proxy', (t) => `${t}DB_PROXY=127.0.0.1:5433\n`));
    expect(code).toBe(1);
    expect(output).toContain('DB_PROXY: production requires DB_PROXY unset');
  });

  it('refuses a missing DATABASE_URL, and lists every problem at once', async () => {
    const file = variant(
      'several',
      (t) => `${t.replace(/^DATABASE_URL=.*\n/m, '').replace(/^SESSION_SECRET=.*\n/m, '')}EXPOSE_DB_STATS=1\n`,
    );
    const { code, output } = await check(file);
    expect(code).toBe(1);
    expect(output).toMatch(/^ {2}- DATABASE_URL: /m);
    expect(output).toContain('SESSION_SECRET: missing');
    expect(output).toContain('EXPOSE_DB_STATS:');
    expect(output).toMatch(/^3 problems in /m);
  });
});
