// PGlite on a TCP port, for the WebSocket proxy and the Neon driver. PGlite is one backend with one
// session, so several clients take turns on it, and a turn is a whole exchange: from a client's first
// message after ReadyForQuery up to the ReadyForQuery that answers its Sync (or simple Query), and on
// to the end of its transaction when that answer says one is open. Queueing single messages instead
// (as pglite-socket does) lets one client's Parse land between another's Parse and Bind: "bind message
// supplies 2 parameters, but prepared statement "" requires 4".
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

/** A FIFO lock: whoever holds it has the backend to itself. */
class Turns {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/** Splits a client's byte stream into protocol messages; the first one has no type byte. */
class MessageReader {
  private buffer = Buffer.alloc(0);
  private started = false;

  push(data: Buffer) {
    this.buffer = Buffer.concat([this.buffer, data]);
  }

  /** The next whole message, or undefined until more bytes come. */
  next(): { kind: 'ssl' | 'cancel' | 'startup' | 'message'; type?: string; bytes: Buffer } | undefined {
    if (!this.started) {
      if (this.buffer.length < 8) return undefined;
      const length = this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return undefined;
      const code = this.buffer.readInt32BE(4);
      const bytes = this.take(length);
      if (code === SSL_REQUEST) return { kind: 'ssl', bytes };
      if (code === CANCEL_REQUEST) return { kind: 'cancel', bytes };
      if (code !== PROTOCOL_3) throw new Error(`unsupported protocol ${code}`);
      this.started = true;
      return { kind: 'startup', bytes };
    }
    if (this.buffer.length < 5) return undefined;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return undefined;
    return { kind: 'message', type: String.fromCharCode(this.buffer[0]), bytes: this.take(length) };
  }

  private take(length: number) {
    const bytes = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return bytes;
  }
}

/** The transaction status of the ReadyForQuery that ends `output` ('I' idle, 'T' in a transaction, 'E' failed one), if it ends with one. */
export function readyStatus(output: Buffer): string | undefined {
  const z = output.length - 6;
  if (z < 0 || output[z] !== 0x5a || output.readInt32BE(z + 1) !== 5) return undefined;
  return String.fromCharCode(output[z + 5]);
}

class Client {
  private readonly reader = new MessageReader();
  private holding = false;
  private closed = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly db: PGlite,
    private readonly turns: Turns,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      this.reader.push(data);
      // One message at a time, in arrival order, whatever the chunking.
      this.chain = this.chain.then(() => this.drain()).catch((error: unknown) => this.fail(error));
    });
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  private async drain() {
    for (let m = this.reader.next(); m && !this.closed; m = this.reader.next()) {
      if (m.kind === 'ssl') this.socket.write('N');
      // PGlite has no backend to signal: a cancel is dropped, as the protocol allows.
      else if (m.kind === 'cancel') this.socket.end();
      else if (m.type === 'X') this.close();
      else await this.run(m.bytes, m.kind === 'startup' || m.type === 'S' || m.type === 'Q');
    }
  }

  /** Runs one message in this client's turn; an exchange's last message may end the turn. */
  private async run(message: Buffer, endsExchange: boolean) {
    if (!this.holding) {
      await this.turns.acquire();
      this.holding = true;
      if (this.closed) return this.endTurn();
    }
    const output: Buffer[] = [];
    await this.db.execProtocolRawStream(new Uint8Array(message), {
      onRawData: (data) => {
        const chunk = Buffer.from(data);
        output.push(chunk);
        if (!this.closed) this.socket.write(chunk);
      },
    });
    if (endsExchange && readyStatus(Buffer.concat(output)) === 'I') this.endTurn();
  }

  private endTurn() {
    if (!this.holding) return;
    this.holding = false;
    this.turns.release();
  }

  private fail(error: unknown) {
    console.error(`embedded Postgres bridge: ${error instanceof Error ? error.message : String(error)}`);
    this.socket.destroy();
    this.close();
  }

  /** A client gone mid-transaction leaves nothing open: its work is rolled back before the next turn. */
  private close() {
    if (this.closed) return;
    this.closed = true;
    this.chain = this.chain.then(async () => {
      if (!this.holding) return;
      try {
        if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
      } finally {
        this.endTurn();
      }
    });
  }
}

export interface PgliteBridge {
  port: number;
  close(): Promise<void>;
}

export async function startPgliteBridge(db: PGlite): Promise<PgliteBridge> {
  const turns = new Turns();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new Client(socket, db, turns);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the embedded Postgres bridge has no port');
  return {
    port: address.port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
