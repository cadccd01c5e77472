// The WebSocket→TCP proxy in a process of its own: in production Neon's wsproxy is a separate
// service, and here it keeps the proxy's byte shuffling off the load generator's event loop (and
// the generator's off the proxy's), so neither distorts the other's timings.
import { startWsProxy } from '../scripts/db/ws-proxy';

const maxUpstream = Number(process.env.BENCH_PROXY_MAX_UPSTREAM);
const proxy = await startWsProxy({ maxUpstream });
process.stdout.write(`PROXY_PORT=${proxy.port}\n`);
const stop = () => void proxy.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent closing our stdin means it is gone: do not outlive it.
process.stdin.on('end', stop);
process.stdin.resume();
