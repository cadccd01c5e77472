// What /ready checks: the configuration (the same rules as `npm run check:config`), the outbox
// Queue's producer binding, and a database round trip. Each failure names a check and, for the
// configuration, the settings at fault: never a value (ARS_ACCOUNTS lines name staff addresses).
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { configurationProblems } from '../../config-check';
import { errorSummary, log } from '../../lib/log';
import type { AppEnv } from '../../app-env';

export interface ReadinessFailure {
  check: 'configuration' | 'queue' | 'database';
  /** The configuration's settings at fault, by name. */
  settings?: string[];
}

const ENVIRONMENTS = ['production', 'development', 'test'] as const;
/** A probe must answer: a database that neither answers nor refuses counts as down after this. */
const DATABASE_TIMEOUT_MS = 3000;

function configurationFailure(env: AppEnv['Bindings']): ReadinessFailure | undefined {
  const said = ENVIRONMENTS.find((e) => e === (env.ENVIRONMENT ?? 'production')) ?? 'production';
  const problems = configurationProblems(env as Record<string, unknown>, said);
  if (!problems.length) return undefined;
  return { check: 'configuration', settings: [...new Set(problems.map((line) => line.split(':')[0]))] };
}

async function databaseAnswers(c: Context<AppEnv>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([c.var.db.execute(sql`select 1`), timeout]);
    return true;
  } catch (error) {
    log('warn', 'ready_database_failed', { requestId: c.var.requestId, error: errorSummary(error) });
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function readinessFailures(c: Context<AppEnv>): Promise<ReadinessFailure[]> {
  const failures: ReadinessFailure[] = [];
  const configuration = configurationFailure(c.env);
  if (configuration) failures.push(configuration);
  // A producer cannot be probed without sending a message: the binding must be there.
  if (typeof c.env.EVENTS?.send !== 'function') failures.push({ check: 'queue' });
  if (!(await databaseAnswers(c))) failures.push({ check: 'database' });
  if (failures.length) {
    log('warn', 'not_ready', {
      requestId: c.var.requestId,
      failed: failures.map((f) => f.check).join(','),
      settings: configuration?.settings?.join(','),
    });
  }
  return failures;
}
