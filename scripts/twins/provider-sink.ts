// A local twin of Brevo's transactional API (the SMS and email provider of src/events/notifications/):
// the same paths, the `api-key` header checked, answers shaped like Brevo's (201 with a messageId;
// {code, message} errors). It prints each message it takes — it is a development tool, and these
// are the messages a patient would read — and keeps them for tests, which also make it fail.
//
//   POST /v3/transactionalSMS/sms · POST /v3/smtp/email                  (Brevo's API)
//   GET /_sink/messages[?to=+33612345678|a@b.fr] → {messages}  ·  DELETE /_sink/messages → 204
//   POST /_sink/faults {match, mode: '5xx'|'429'|'hang', count, retryAfter?} → 201 {id}
//        the next `count` calls to recipient `match` fail: 503, 429 with Retry-After, or no answer
//   GET /_sink/faults/ID → {id, remaining, hits}
//
// Standalone: `tsx scripts/twins/provider-sink.ts [port]` (key: PROVIDER_SINK_KEY or "local-sink-key").
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkMessage {
  id: string;
  channel: 'sms' | 'email';
  /** E.164 for SMS (Brevo takes it without '+'), the address for email. */
  to: string;
  sender: string;
  text: string;
  subject?: string;
  html?: string;
  tag?: string;
  receivedAt: string;
}

interface Fault {
  id: string;
  match: string;
  mode: '5xx' | '429' | 'hang';
  remaining: number;
  hits: number;
  retryAfter: number;
}

export interface ProviderSink {
  /** http://127.0.0.1:PORT; the API's base URL is this + /v3. */
  url: string;
  apiKey: string;
  messages: SinkMessage[];
  stop(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};

async function readJson(req: IncomingMessage): Promise<Record<string, any> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

const missing = (res: ServerResponse, what: string) =>
  json(res, 400, { code: 'missing_parameter', message: `${what} is missing` });

export async function startProviderSink(
  options: { apiKey: string; port?: number; quiet?: boolean; hangMs?: number } = { apiKey: 'local-sink-key' },
): Promise<ProviderSink> {
  const messages: SinkMessage[] = [];
  const faults = new Map<string, Fault>();
  const hangMs = options.hangMs ?? 60_000;

  /** The fault armed for this recipient, spent by one call; true when it answered. */
  function faulted(to: string, res: ServerResponse): boolean {
    const fault = [...faults.values()].find((f) => f.match === to && f.remaining > 0);
    if (!fault) return false;
    fault.remaining -= 1;
    fault.hits += 1;
    if (fault.mode === '5xx')
      json(res, 503, { code: 'service_unavailable', message: 'Service temporarily unavailable' });
    else if (fault.mode === '429')
      json(
        res,
        429,
        { code: 'too_many_requests', message: 'Too many requests' },
        { 'retry-after': String(fault.retryAfter) },
      );
    else
      setTimeout(
        () => res.headersSent || json(res, 504, { code: 'timeout', message: 'Gateway timeout' }),
        hangMs,
      ).unref();
    return true;
  }

  function take(message: Omit<SinkMessage, 'id' | 'receivedAt'>): SinkMessage {
    const taken = { ...message, id: randomUUID(), receivedAt: new Date().toISOString() };
    messages.push(taken);
    if (!options.quiet) {
      const head =
        message.channel === 'sms'
          ? `SMS from ${message.sender} to ${message.to}`
          : `email from ${message.sender} to ${message.to}: ${message.subject}`;
      console.log(`[provider-sink] ${head} [${message.tag ?? ''}]\n${message.text}\n`);
    }
    return taken;
  }

  // A caller that hangs up mid-request (a timeout on its side) rejects the body's read: nothing is
  // left to answer, and the rejection must not escape as an unhandled one.
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sink');
    const route = `${req.method} ${url.pathname}`;
    if (url.pathname.startsWith('/v3/')) {
      if (req.headers['api-key'] !== options.apiKey)
        return json(res, 401, { code: 'unauthorized', message: 'Key not found' });
      const body = await readJson(req);
      if (!body) return json(res, 400, { code: 'bad_request', message: 'Input must be a valid JSON object' });
      if (route === 'POST /v3/transactionalSMS/sms') {
        for (const field of ['sender', 'recipient', 'content'])
          if (typeof body[field] !== 'string' || !body[field]) return missing(res, field);
        if (!/^\d{8,15}$/.test(body.recipient))
          return json(res, 400, { code: 'invalid_parameter', message: 'Invalid phone number' });
        const to = `+${body.recipient}`;
        if (faulted(to, res)) return;
        const m = take({ channel: 'sms', to, sender: body.sender, text: body.content, tag: body.tag });
        const parts = body.content.length > 160 ? Math.ceil(body.content.length / 153) : 1;
        return json(res, 201, {
          reference: m.id.replace(/-/g, '').slice(0, 19),
          messageId: Date.now() * 1000 + (messages.length % 1000),
          smsCount: parts,
          usedCredits: parts * 0.045,
          remainingCredits: 1000,
        });
      }
      if (route === 'POST /v3/smtp/email') {
        const to = body.to?.[0]?.email;
        if (typeof body.sender?.email !== 'string') return missing(res, 'sender.email');
        if (typeof to !== 'string') return missing(res, 'to');
        if (typeof body.subject !== 'string') return missing(res, 'subject');
        if (typeof body.textContent !== 'string' && typeof body.htmlContent !== 'string')
          return missing(res, 'htmlContent');
        if (faulted(to, res)) return;
        const m = take({
          channel: 'email',
          to,
          sender: body.sender.email,
          text: body.textContent ?? '',
          html: body.htmlContent,
          subject: body.subject,
          tag: body.tags?.[0],
        });
        return json(res, 201, { messageId: `<${m.id}@smtp-relay.mailin.fr>` });
      }
      return json(res, 404, { code: 'not_found', message: 'Not found' });
    }
    if (route === 'GET /_sink/messages') {
      const to = url.searchParams.get('to');
      return json(res, 200, { messages: to ? messages.filter((m) => m.to === to) : messages });
    }
    if (route === 'DELETE /_sink/messages') {
      messages.length = 0;
      return json(res, 204);
    }
    if (route === 'POST /_sink/faults') {
      const body = await readJson(req);
      if (!body || typeof body.match !== 'string' || !['5xx', '429', 'hang'].includes(body.mode))
        return json(res, 400, { message: 'give match and mode (5xx, 429, hang)' });
      const fault: Fault = {
        id: randomUUID(),
        match: body.match,
        mode: body.mode,
        remaining: Number(body.count ?? 1),
        hits: 0,
        retryAfter: Number(body.retryAfter ?? 120),
      };
      faults.set(fault.id, fault);
      return json(res, 201, { id: fault.id });
    }
    const faultId = /^\/_sink\/faults\/([\w-]+)$/.exec(url.pathname)?.[1];
    if (req.method === 'GET' && faultId && faults.has(faultId)) {
      const { id, remaining, hits } = faults.get(faultId)!;
      return json(res, 200, { id, remaining, hits });
    }
    return json(res, 404, { message: 'not found' });
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: options.apiKey,
    messages,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sink = await startProviderSink({
    apiKey: process.env.PROVIDER_SINK_KEY ?? 'local-sink-key',
    port: Number(process.argv[2] ?? 0),
  });
  console.log(`provider sink (Brevo's API) on ${sink.url}/v3, api-key ${sink.apiKey}`);
}
