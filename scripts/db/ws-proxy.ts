// The WebSocket-to-TCP bridge that Neon's `wsproxy` provides in production, for a local Postgres.
// The worker's driver connects to ws://HOST:PORT/v1?address=pghost:pgport and exchanges raw
// Postgres protocol bytes as binary frames.
//
// Upstream TCP connections are capped: each request opens its own pool, so a rush of 200 requests
// would otherwise exceed Postgres's max_connections. Beyond the cap, sockets wait in a queue, as a
// pooler would make them wait.
//
// For tests only (`faults: true`), the proxy can also break things on purpose, as a network or a
// stopped server would, so that tests prove what the API answers and what the database keeps:
// see ./ws-proxy-faults.ts for the rules and the `/__faults` control endpoint.
import http from 'node:http';
import net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FaultRules, endsWithReadyForQuery, handleFaultControl, scopeOfPath } from './ws-proxy-faults';

export interface WsProxy {
  port: number;
  close(): Promise<void>;
}

/** The frontend Terminate message: 'X' and a length of 4. */
function isTerminate(data: Buffer) {
  const n = data.length;
  return n >= 5 && data[n - 5] === 0x58 && data.readInt32BE(n - 4) === 4;
}

export async function startWsProxy(options: { maxUpstream: number; faults?: boolean }): Promise<WsProxy> {
  let open = 0;
  const waiting: Array<() => void> = [];
  const acquire = () =>
    new Promise<void>((resolve) => {
      if (open < options.maxUpstream) {
        open += 1;
        resolve();
      } else waiting.push(resolve);
    });
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else open -= 1;
  };
  const faults = options.faults ? new FaultRules() : undefined;

  const server = http.createServer((req, res) => {
    if (faults && req.url?.startsWith('/__faults')) {
      void handleFaultControl(faults, req, res);
      return;
    }
    res.writeHead(426, { 'content-type': 'text/plain' }).end('Upgrade Required');
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws: WebSocket, req) => {
    const url = new URL(req.url ?? '/', 'ws://x');
    const address = url.searchParams.get('address') ?? '';
    const [host, portText] = address.split(':');
    const port = Number(portText);
    if (!host || !Number.isInteger(port)) {
      ws.close(1008, 'address=host:port required');
      return;
    }
    const scope = scopeOfPath(url.pathname);
    // "Postgres is down": the connection to it is refused, so the proxy hangs up at once, exactly
    // as it does below when the TCP connect fails.
    if (faults?.refuses(scope)) {
      ws.close();
      return;
    }
    const pending: Buffer[] = [];
    let socket: net.Socket | undefined;
    let closed = false;
    let released = false;
    /** Set once a cut-after rule fired: Postgres's reply is withheld, then the connection is cut. */
    let withholding: (() => void) | undefined;
    const finish = () => {
      if (closed) return;
      closed = true;
      socket?.destroy();
      if (ws.readyState === ws.OPEN) ws.close();
      if (socket && !released) {
        released = true;
        release();
      }
    };
    /** A network failure, not a goodbye: no close frame, no Terminate to Postgres. */
    const cut = () => {
      ws.terminate();
      finish();
    };
    ws.on('message', (data: Buffer) => {
      if (closed) return;
      const fault = faults?.onFrontend(scope, data);
      if (fault === 'cut-before') {
        cut();
        return;
      }
      if (fault && typeof fault === 'object') withholding = fault.answered;
      if (socket?.writable) socket.write(data);
      else pending.push(data);
      // A real server hangs up after Terminate; PGlite's socket server does not, so do it here,
      // or every finished client would keep an upstream slot until it is garbage-collected.
      if (isTerminate(data)) {
        if (socket) socket.end();
        else finish();
      }
    });
    ws.on('close', finish);
    ws.on('error', finish);
    void acquire().then(() => {
      if (closed) {
        release();
        return;
      }
      socket = net.connect({ host, port }, () => {
        socket?.setNoDelay(true);
        for (const chunk of pending.splice(0)) socket?.write(chunk);
      });
      socket.on('data', (chunk) => {
        if (withholding) {
          // Postgres has executed (and, at Sync, committed) the statement once it says
          // ReadyForQuery: only then cut, so the outcome is known to the test, not to the client.
          if (endsWithReadyForQuery(chunk)) {
            withholding();
            cut();
          }
          return;
        }
        if (ws.readyState === ws.OPEN) ws.send(chunk);
      });
      socket.on('close', finish);
      socket.on('error', finish);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
    server.listen(0, '127.0.0.1');
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy is not bound to a TCP port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
