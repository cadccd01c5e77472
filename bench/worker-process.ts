// One worker of the bench in a process of its own (scripts/local-worker.ts: the deploy bundle in
// workerd through Miniflare, without wrangler dev's dev-only layers), so that its Node side never
// shares an event loop with the load generator. Bindings: wrangler.toml's plus BENCH_WORKER_VARS.
// Its output (the access log) goes to a file the bench reads.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalWorker } from '../scripts/local-worker';

const [config, script, port, persist] = process.argv.slice(2);
const vars = JSON.parse(process.env.BENCH_WORKER_VARS ?? '{}') as Record<string, string>;
// Each instance keeps its own Durable Object and R2 state: the limiter's buckets of one never leak.
const inspectorPort = Number(process.env.BENCH_WORKER_INSPECTOR ?? 0) || undefined;
const worker = await startLocalWorker({ config, script }, { vars, port: Number(port), persist, inspectorPort });
process.stdout.write(`WORKER_URL=${worker.url.origin}\n`);
// BENCH_WORKER_TRIGGERS=1: a Cron Trigger on demand, from this process (not a route of the worker):
// GET <TRIGGER_URL>?cron=… runs it and answers its outcome (bench/bulk-publish.ts).
if (process.env.BENCH_WORKER_TRIGGERS === '1') {
  const server = createServer((req, res) => {
    const cron = new URL(req.url ?? '/', 'http://localhost').searchParams.get('cron') ?? '';
    void worker.scheduled(cron).then((outcome) => res.writeHead(outcome === 'ok' ? 200 : 500).end(outcome));
  });
  server.listen(0, '127.0.0.1', () =>
    process.stdout.write(`TRIGGER_URL=http://127.0.0.1:${(server.address() as AddressInfo).port}\n`),
  );
}
const stop = () => void worker.dispose().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
