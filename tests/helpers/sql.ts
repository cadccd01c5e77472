// Direct SQL for assertions and setup, on a short-lived client (open, query, close) so that it
// never holds one of the proxy's upstream connections while the API needs it.
import { Client, neonConfig } from '@neondatabase/serverless';
import { env } from './env';

export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const proxy = env.DB_PROXY!;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  const client = new Client(env.DATABASE_URL);
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
