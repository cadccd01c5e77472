// The worker in workerd through Miniflare, in a process of its own: the runtime `wrangler dev` and
// the test pool use, without wrangler dev's two dev-only layers (a live-reload proxy worker in a
// second workerd, and an inspector relay that copies every console line and subrequest to Node).
// Production has neither; under the rush the proxy worker answered 503s of its own.
// Bindings come from wrangler.toml, as `wrangler dev` reads them, plus BENCH_WORKER_VARS.
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const [config, script, port, persist] = process.argv.slice(2);
const vars = JSON.parse(process.env.BENCH_WORKER_VARS ?? '{}') as Record<string, string>;
const { workerOptions } = unstable_getMiniflareWorkerOptions(config);
const worker = new Miniflare({
  ...workerOptions,
  modules: true,
  scriptPath: script,
  // Module names are paths relative to this root; workerd refuses any that climb out with '..'.
  modulesRoot: dirname(script),
  bindings: { ...workerOptions.bindings, ...vars },
  host: '127.0.0.1',
  port: Number(port),
  // Each instance keeps its own Durable Object state: the limiter's buckets of one never leak.
  durableObjectsPersist: persist,
  // workerd's output straight to ours (a file): the bench reads the access log from it.
  handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
    stdout.pipe(process.stdout);
    stderr.pipe(process.stderr);
  },
});
const url = await worker.ready;
process.stdout.write(`WORKER_URL=${url.origin}\n`);
const stop = () => void worker.dispose().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
