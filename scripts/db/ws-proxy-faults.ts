// Fault rules for the local WebSocket proxy: tests break the database connection on purpose, at
// the moment they choose, and only for themselves.
//
// - `refuse`: new connections of a scope are refused (the proxy hangs up at once, as it does when
//   Postgres's port refuses the TCP connection): "Postgres is down" for that scope only.
// - `cut-before`: the first frontend frame containing the bytes of `match` (e.g. an Idempotency-Key
//   that the booking statement carries in its Bind message) is dropped and the connection is cut:
//   the statement never reaches Postgres.
// - `cut-after`: that frame is forwarded; Postgres's reply is withheld until its ReadyForQuery (the
//   statement has run and, outside a transaction block, committed), then the connection is cut:
//   the statement took effect but the client never hears so.
//
// A scope is chosen by the client through the proxy address: DB_PROXY=127.0.0.1:PORT/scope/NAME
// makes the driver connect to /scope/NAME/v1?address=…, so parallel test files cannot trip over each
// other's rules. A rule without a scope applies to every connection.
//
// Control, over HTTP on the proxy's own port (enabled only with `startWsProxy({ faults: true })`):
//   POST   /__faults        {action, scope?, match?, times?}   → 201 {id, …}
//   GET    /__faults/ID                                       → the rule with `hits` and `answered`
//   DELETE /__faults/ID  ·  DELETE /__faults[?scope=NAME]      → 204
import type { IncomingMessage, ServerResponse } from 'node:http';

export type FaultAction = 'refuse' | 'cut-before' | 'cut-after';

export interface FaultRule {
  action: FaultAction;
  /** Only connections made through /scope/NAME/v1; every connection when absent. */
  scope?: string;
  /** Cuts: the bytes (UTF-8) a frontend frame must contain. */
  match?: string;
  /** How many times the rule fires; cuts default to once, refusals to until deleted. */
  times?: number;
}

export interface FaultRecord extends FaultRule {
  id: string;
  /** Times the rule fired (a connection refused, a frame dropped or forwarded then cut). */
  hits: number;
  /** cut-after: times Postgres answered the statement completely before the cut. */
  answered: number;
}

interface Stored {
  record: FaultRecord;
  remaining: number;
  bytes?: Buffer;
}

const SCOPE = /^[A-Za-z0-9._-]{1,100}$/;

/** NAME from /scope/NAME/v1; undefined for the plain /v1. */
export function scopeOfPath(pathname: string): string | undefined {
  const m = /^\/scope\/([^/]+)\/v1\/?$/.exec(pathname);
  return m && SCOPE.test(m[1]) ? m[1] : undefined;
}

/** The backend ReadyForQuery message ('Z', length 5, status I/T/E) ends this chunk. */
export function endsWithReadyForQuery(chunk: Buffer) {
  const n = chunk.length;
  return n >= 6 && chunk[n - 6] === 0x5a && chunk.readInt32BE(n - 5) === 5 && [0x49, 0x54, 0x45].includes(chunk[n - 1]);
}

export function validateRule(input: unknown): FaultRule {
  const r = (input ?? {}) as Record<string, unknown>;
  if (r.action !== 'refuse' && r.action !== 'cut-before' && r.action !== 'cut-after') {
    throw new Error('action must be refuse, cut-before or cut-after');
  }
  if (r.scope !== undefined && (typeof r.scope !== 'string' || !SCOPE.test(r.scope)))
    throw new Error('scope must match [A-Za-z0-9._-]{1,100}');
  if (r.action === 'refuse' && r.match !== undefined)
    throw new Error('refuse applies to whole connections: give a scope, not a match');
  if (r.action !== 'refuse' && (typeof r.match !== 'string' || r.match.length < 8)) {
    throw new Error('cuts need a match of at least 8 characters (a marker no other request carries)');
  }
  if (r.times !== undefined && (!Number.isInteger(r.times) || (r.times as number) < 1))
    throw new Error('times must be a positive integer');
  return {
    action: r.action,
    scope: r.scope as string | undefined,
    match: r.match as string | undefined,
    times: r.times as number | undefined,
  };
}

export class FaultRules {
  private readonly rules = new Map<string, Stored>();
  private next = 1;

  add(input: FaultRule): FaultRecord {
    const rule = validateRule(input);
    const id = String(this.next++);
    const record: FaultRecord = { id, ...rule, hits: 0, answered: 0 };
    const remaining = rule.times ?? (rule.action === 'refuse' ? Infinity : 1);
    this.rules.set(id, {
      record,
      remaining,
      bytes: rule.match === undefined ? undefined : Buffer.from(rule.match, 'utf8'),
    });
    return record;
  }

  get(id: string): FaultRecord | undefined {
    const stored = this.rules.get(id);
    return stored && { ...stored.record };
  }

  delete(id: string) {
    return this.rules.delete(id);
  }

  /** Removes every rule, or those of one scope. */
  clear(scope?: string) {
    for (const [id, s] of this.rules) if (scope === undefined || s.record.scope === scope) this.rules.delete(id);
  }

  private *live(action: FaultAction, scope: string | undefined) {
    for (const s of this.rules.values()) {
      if (s.record.action === action && s.remaining > 0 && (s.record.scope === undefined || s.record.scope === scope))
        yield s;
    }
  }

  private fire(s: Stored) {
    s.remaining -= 1;
    s.record.hits += 1;
  }

  /** Whether a new connection of this scope is refused. */
  refuses(scope: string | undefined): boolean {
    for (const s of this.live('refuse', scope)) {
      this.fire(s);
      return true;
    }
    return false;
  }

  /**
   * What to do with a frontend frame: nothing (undefined), drop it and cut ('cut-before'), or
   * forward it and withhold the reply, calling `answered` once Postgres has finished with it.
   */
  onFrontend(scope: string | undefined, frame: Buffer): undefined | 'cut-before' | { answered: () => void } {
    for (const action of ['cut-before', 'cut-after'] as const) {
      for (const s of this.live(action, scope)) {
        if (!frame.includes(s.bytes!)) continue;
        this.fire(s);
        if (action === 'cut-before') return 'cut-before';
        return { answered: () => void (s.record.answered += 1) };
      }
    }
    return undefined;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function handleFaultControl(rules: FaultRules, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  const id = /^\/__faults\/([^/]+)$/.exec(url.pathname)?.[1];
  const json = (status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  try {
    if (url.pathname === '/__faults' && req.method === 'POST')
      return json(201, rules.add((await readJson(req)) as FaultRule));
    if (url.pathname === '/__faults' && req.method === 'DELETE') {
      rules.clear(url.searchParams.get('scope') ?? undefined);
      return json(204);
    }
    if (id && req.method === 'GET') {
      const record = rules.get(id);
      return record ? json(200, record) : json(404, { error: 'no such rule' });
    }
    if (id && req.method === 'DELETE') return json(rules.delete(id) ? 204 : 404);
    return json(404, { error: 'unknown fault control route' });
  } catch (error) {
    return json(400, { error: (error as Error).message });
  }
}
