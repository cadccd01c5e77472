import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWsProxy } from './ws-proxy';

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
