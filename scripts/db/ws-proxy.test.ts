import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWsProxy } from './ws-proxy';
import { FaultRules, endsWithReadyForQuery, scopeOfPath, type FaultRecord, type FaultRule } from './ws-proxy-faults';

// A stand-in server that, like PGlite's socket server, never hangs up by itself.
const upstream = net.createServer((socket) => socket.on('data', (d) => socket.write(d)));
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const upstreamPort = (upstream.address() as net.AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

const connect = (port: number) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1?address=127.0.0.1:${upstreamPort}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

describe('WebSocket proxy', () => {
  it('relays bytes both ways', async () => {
    const proxy = await startWsProxy({ maxUpstream: 2 });
    const ws = await connect(proxy.port);
    const echoed = new Promise<Buffer>((resolve) => ws.once('message', (d: Buffer) => resolve(d)));
    ws.send(Buffer.from('hello'));
    expect((await echoed).toString()).toBe('hello');
    ws.close();
    await proxy.close();
  });

  it('hangs up after Terminate, freeing its upstream slot for a queued client', async () => {
    const proxy = await startWsProxy({ maxUpstream: 1 });
    const first = await connect(proxy.port);
    first.send(Buffer.from('x'));
    await new Promise((r) => first.once('message', r));
    const second = await connect(proxy.port); // queued: the single slot is taken
    const secondEcho = new Promise<Buffer>((resolve) => second.once('message', (d: Buffer) => resolve(d)));
    second.send(Buffer.from('queued'));
    const closed = new Promise((r) => first.once('close', r));
    first.send(TERMINATE);
    await closed;
    expect((await secondEcho).toString()).toBe('queued');
    second.close();
    await proxy.close();
  });

  it('refuses a connection without a target address', async () => {
    const proxy = await startWsProxy({ maxUpstream: 1 });
    const ws = new WebSocket(`ws://127.0.0.1:${proxy.port}/v1`);
    const code = await new Promise<number>((resolve) => ws.once('close', (c: number) => resolve(c)));
    expect(code).toBe(1008);
    await proxy.close();
  });
});

// Everything the stand-in server has received, to tell what reached "Postgres".
const received: Buffer[] = [];
let upstreamConnections = 0;
upstream.on('connection', (socket) => {
  upstreamConnections += 1;
  socket.on('data', (d) => received.push(d));
});
const reachedUpstream = (text: string) => Buffer.concat(received).includes(Buffer.from(text));

const connectTo = (port: number, path = '/v1') =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}?address=127.0.0.1:${upstreamPort}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (c: number) => resolve(c)));
const control = (port: number, method: string, path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
const addRule = async (port: number, rule: FaultRule) => {
  const res = await control(port, 'POST', '/__faults', rule);
  expect(res.status).toBe(201);
  return (await res.json()) as FaultRecord;
};
const echo = async (ws: WebSocket, data: Buffer) => {
  const reply = new Promise<Buffer>((resolve) => ws.once('message', (d: Buffer) => resolve(d)));
  ws.send(data);
  return reply;
};
/** A backend ReadyForQuery (idle): what ends Postgres's answer to a Sync. */
const READY = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('WebSocket proxy fault rules', () => {
  it('has no fault control unless started with faults', async () => {
    const proxy = await startWsProxy({ maxUpstream: 2 });
    const res = await control(proxy.port, 'POST', '/__faults', { action: 'refuse' });
    expect(res.status).toBe(426);
    await proxy.close();
  });

  it('cut-before: drops the frame carrying the marker and cuts the connection; once', async () => {
    const proxy = await startWsProxy({ maxUpstream: 2, faults: true });
    const rule = await addRule(proxy.port, { action: 'cut-before', match: 'marker-before-1' });
    const ws = await connectTo(proxy.port);
    expect((await echo(ws, Buffer.from('startup'))).toString()).toBe('startup');
    const code = closeCode(ws);
    ws.send(Buffer.from('Bind ... marker-before-1 ... Execute Sync'));
    expect(await code).toBe(1006); // no close frame: a network failure, not a goodbye
    await settle();
    expect(reachedUpstream('marker-before-1')).toBe(false);
    expect(await (await control(proxy.port, 'GET', `/__faults/${rule.id}`)).json()).toMatchObject({ hits: 1 });

    const retry = await connectTo(proxy.port);
    expect((await echo(retry, Buffer.from('again marker-before-1'))).toString()).toBe('again marker-before-1');
    retry.close();
    await proxy.close();
  });

  it('cut-after: forwards the frame, withholds the reply until ReadyForQuery, then cuts', async () => {
    const proxy = await startWsProxy({ maxUpstream: 2, faults: true });
    const rule = await addRule(proxy.port, { action: 'cut-after', match: 'marker-after-1' });
    const ws = await connectTo(proxy.port);
    const replies: Buffer[] = [];
    ws.on('message', (d: Buffer) => replies.push(d));
    const code = closeCode(ws);
    ws.send(Buffer.concat([Buffer.from('Bind marker-after-1 Sync'), READY])); // echoed back: ends with ReadyForQuery
    expect(await code).toBe(1006);
    expect(reachedUpstream('marker-after-1')).toBe(true);
    expect(replies).toEqual([]);
    expect(await (await control(proxy.port, 'GET', `/__faults/${rule.id}`)).json()).toMatchObject({
      hits: 1,
      answered: 1,
    });
    await proxy.close();
  });

  it('refuse: new connections of the scope are hung up at once, without reaching upstream; others pass', async () => {
    const proxy = await startWsProxy({ maxUpstream: 3, faults: true });
    const rule = await addRule(proxy.port, { action: 'refuse', scope: 'down-1' });
    const before = upstreamConnections;
    const refused = new WebSocket(`ws://127.0.0.1:${proxy.port}/scope/down-1/v1?address=127.0.0.1:${upstreamPort}`);
    expect(await closeCode(refused)).toBe(1005); // closed by the proxy, as when Postgres refuses TCP
    const other = await connectTo(proxy.port, '/scope/up-1/v1');
    expect((await echo(other, Buffer.from('fine'))).toString()).toBe('fine');
    const plain = await connectTo(proxy.port);
    expect((await echo(plain, Buffer.from('fine too'))).toString()).toBe('fine too');
    expect(upstreamConnections - before).toBe(2);
    expect(await (await control(proxy.port, 'GET', `/__faults/${rule.id}`)).json()).toMatchObject({ hits: 1 });

    expect((await control(proxy.port, 'DELETE', '/__faults?scope=down-1')).status).toBe(204);
    const back = await connectTo(proxy.port, '/scope/down-1/v1');
    expect((await echo(back, Buffer.from('back'))).toString()).toBe('back');
    for (const ws of [other, plain, back]) ws.close();
    await proxy.close();
  });

  it('a scoped cut ignores the same marker on another scope', async () => {
    const proxy = await startWsProxy({ maxUpstream: 2, faults: true });
    const rule = await addRule(proxy.port, { action: 'cut-before', match: 'marker-scoped', scope: 'a' });
    const b = await connectTo(proxy.port, '/scope/b/v1');
    expect((await echo(b, Buffer.from('marker-scoped'))).toString()).toBe('marker-scoped');
    expect(await (await control(proxy.port, 'GET', `/__faults/${rule.id}`)).json()).toMatchObject({ hits: 0 });
    const a = await connectTo(proxy.port, '/scope/a/v1');
    const code = closeCode(a);
    a.send(Buffer.from('marker-scoped'));
    expect(await code).toBe(1006);
    b.close();
    await proxy.close();
  });

  it('refuses malformed rules', async () => {
    const proxy = await startWsProxy({ maxUpstream: 2, faults: true });
    for (const body of [
      { action: 'explode' },
      { action: 'cut-before' },
      { action: 'cut-after', match: 'short' },
      { action: 'refuse', match: 'marker-refuse' },
      { action: 'refuse', scope: 'a/b' },
      { action: 'refuse', times: 0 },
    ]) {
      const res = await control(proxy.port, 'POST', '/__faults', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await control(proxy.port, 'GET', '/__faults/999')).status).toBe(404);
    await proxy.close();
  });
});

describe('FaultRules', () => {
  it('counts firings: cuts once by default, refusals until removed, `times` when given', () => {
    const rules = new FaultRules();
    const cut = rules.add({ action: 'cut-after', match: 'marker-xyz' });
    const twice = rules.add({ action: 'cut-before', match: 'marker-two', times: 2 });
    const down = rules.add({ action: 'refuse', scope: 's1' });
    const frame = Buffer.from('Bind marker-xyz');
    const fired = rules.onFrontend(undefined, frame);
    expect(typeof fired).toBe('object');
    (fired as { answered: () => void }).answered();
    expect(rules.onFrontend(undefined, frame)).toBeUndefined();
    expect(rules.get(cut.id)).toMatchObject({ hits: 1, answered: 1 });
    for (let i = 0; i < 3; i++) rules.onFrontend('any', Buffer.from('marker-two'));
    expect(rules.get(twice.id)!.hits).toBe(2);
    expect([rules.refuses('s1'), rules.refuses('s1'), rules.refuses('s2'), rules.refuses(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(rules.get(down.id)!.hits).toBe(2);
    rules.clear('s1');
    expect(rules.refuses('s1')).toBe(false);
  });

  it('reads scopes from the path and ReadyForQuery from the end of a chunk', () => {
    expect(scopeOfPath('/v1')).toBeUndefined();
    expect(scopeOfPath('/scope/down-1/v1')).toBe('down-1');
    expect(endsWithReadyForQuery(Buffer.concat([Buffer.from('C\0\0\0\x0dINSERT 0 1\0'), READY]))).toBe(true);
    expect(endsWithReadyForQuery(Buffer.from('C\0\0\0\x0dINSERT 0 1\0'))).toBe(false);
  });
});
