// Direct SQL for assertions and setup, on a short-lived pool (open, query, end) so that it never
// holds one of the proxy's upstream connections while the API needs it.
import { Pool, neonConfig } from '@neondatabase/serverless';
import { env } from './env';

export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const proxy = env.DB_PROXY!;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 1 });
  pool.on('error', () => undefined);
  try {
    return (await pool.query(text, params)).rows as T[];
  } finally {
    await pool.end();
  }
}
