// A local twin of an integrator's webhook endpoint, for tests and the bench: an HTTP server on
// 127.0.0.1 that records every POST it receives and answers 204, or what it was told to answer.
// Each path is its own endpoint, so that parallel tests do not see one another's deliveries.
//   GET    /__received?path=/p     what /p received (all paths without ?path), oldest first
//   DELETE /__received?path=/p     forget it
//   POST   /__script               {"path": "/p", "answers": [{"status": 500}, {"status": 429, "retryAfter": 120}, {"hang": true}]}
//                                  the next requests to /p get these answers in turn, then 204 again
// Run alone (`npx tsx scripts/twins/webhook-receiver.ts [port]`), it prints each delivery's id and type.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pathToFileURL } from 'node:url';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: string;
}

interface Answer {
  status?: number;
  retryAfter?: number;
  hang?: boolean;
}

export interface WebhookReceiver {
  url: string;
  stop(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

export async function startWebhookReceiver(options: { port?: number; print?: boolean } = {}): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const scripts = new Map<string, Answer[]>();
  const sockets = new Set<Socket>();

  // A caller that hangs up mid-request (a timeout on its side) rejects the body's read: nothing is
  // left to answer, and the rejection must not escape as an unhandled one.
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://receiver');
    const body = await readBody(req);
    if (url.pathname === '/__received') {
      const path = url.searchParams.get('path');
      if (req.method === 'DELETE') {
        for (let i = received.length - 1; i >= 0; i--) if (!path || received[i].path === path) received.splice(i, 1);
        return json(res, 204, null);
      }
      return json(
        res,
        200,
        received.filter((r) => !path || r.path === path),
      );
    }
    if (url.pathname === '/__script' && req.method === 'POST') {
      const { path, answers } = JSON.parse(body) as { path: string; answers: Answer[] };
      scripts.set(path, [...(scripts.get(path) ?? []), ...answers]);
      return json(res, 201, { path, queued: scripts.get(path)!.length });
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
    received.push({ path: url.pathname, headers, body, receivedAt: new Date().toISOString() });
    if (options.print) {
      const type = (() => {
        try {
          return (JSON.parse(body) as { type?: string }).type;
        } catch {
          return '?';
        }
      })();
      console.log(`webhook ${url.pathname} ${headers['webhook-id']} ${type}`);
    }
    const answer = scripts.get(url.pathname)?.shift() ?? {};
    if (answer.hang) return; // never answers: the sender's timeout ends it
    res.writeHead(
      answer.status ?? 204,
      answer.retryAfter !== undefined ? { 'retry-after': String(answer.retryAfter) } : {},
    );
    res.end();
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const receiver = await startWebhookReceiver({ port: Number(process.argv[2] ?? 8790), print: true });
  console.log(`webhook receiver on ${receiver.url}`);
}
