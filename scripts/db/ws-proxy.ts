// The WebSocket-to-TCP bridge that Neon's `wsproxy` provides in production, for a local Postgres.
// The worker's driver connects to ws://HOST:PORT/v1?address=pghost:pgport and exchanges raw
// Postgres protocol bytes as binary frames.
//
// Upstream TCP connections are capped: each request opens its own pool, so a rush of 200 requests
// would otherwise exceed Postgres's max_connections. Beyond the cap, sockets wait in a queue, as a
// pooler would make them wait.
import net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface WsProxy {
  port: number;
  close(): Promise<void>;
}

/** The frontend Terminate message: 'X' and a length of 4. */
function isTerminate(data: Buffer) {
  const n = data.length;
  return n >= 5 && data[n - 5] === 0x58 && data.readInt32BE(n - 4) === 4;
}

export async function startWsProxy(options: { maxUpstream: number }): Promise<WsProxy> {
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

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (ws: WebSocket, req) => {
    const address = new URL(req.url ?? '/', 'ws://x').searchParams.get('address') ?? '';
    const [host, portText] = address.split(':');
    const port = Number(portText);
    if (!host || !Number.isInteger(port)) {
      ws.close(1008, 'address=host:port required');
      return;
    }
    const pending: Buffer[] = [];
    let socket: net.Socket | undefined;
    let closed = false;
    let released = false;
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
    ws.on('message', (data: Buffer) => {
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
        if (ws.readyState === ws.OPEN) ws.send(chunk);
      });
      socket.on('close', finish);
      socket.on('error', finish);
    });
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const address = wss.address();
  if (!address || typeof address === 'string') throw new Error('proxy is not bound to a TCP port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
