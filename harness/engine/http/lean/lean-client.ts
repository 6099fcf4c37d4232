/**
 * The lean HTTP/1.1 client: plain `net.Socket`s with keep-alive, one request
 * in flight per connection (pipelining 1), requests written in one piece from
 * pre-serialized heads, responses parsed straight out of one shared read
 * buffer (`onread`, so reading allocates nothing). A request that finds no
 * idle connection waits in a FIFO queue for the next free one; new connections
 * are opened for the queue, up to `maxConnections`, a few at a time.
 */
import { connect, type Socket } from 'node:net';
import {
  doneChannel,
  type Exchange,
  type HttpClient,
  type HttpClientOptions,
  type RequestShape,
  sentChannel,
} from '../client.ts';
import { PARSE_DONE, PARSE_ERROR, ResponseParser } from './response-parser.ts';

/** One read buffer for every socket: each read is parsed synchronously before the next. */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
/** A server's announced keep-alive timeout is trusted up to this margin before it (as undici). */
const KEEP_ALIVE_MARGIN_MS = 1000;
const EMPTY_BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/**
 * Connections being opened at once, at most. A request that finds no idle
 * connection waits in the queue for the first one to come free — a new one or
 * one whose response just ended — instead of being tied to a socket of its
 * own that is still connecting. A connect costs the generator several times
 * what a request on a live connection does, so a burst (the first moments of a
 * run, with cold code) that opened one socket per request would fall further
 * behind with every socket it opened.
 */
const MAX_CONNECTING = 16;

/** Serialized pieces of one request shape, for one client. */
interface Wire {
  client: LeanClient;
  /** `METHOD ` */
  prefix: string;
  /** ` HTTP/1.1\r\n` + headers, without the final CRLF and without content-length. */
  suffix: string;
  emptyBody: boolean;
  headRequest: boolean;
  /** The whole request, when the shape is fixed (built at its first send). */
  bytes: Buffer | undefined;
}

class HttpError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class Connection {
  ex: Exchange | undefined = undefined;
  connected = false;
  closed = false;
  expiresAt = Number.POSITIVE_INFINITY;
  readonly parser = new ResponseParser();
  readonly socket: Socket;

  constructor(private readonly client: LeanClient) {
    this.socket = connect({
      host: client.host,
      port: client.port,
      noDelay: true,
      onread: { buffer: READ_BUFFER, callback: (n) => this.onRead(n, READ_BUFFER) },
    });
    this.socket.setTimeout(client.connectTimeoutMs);
    this.socket.once('connect', this.onConnect);
    this.socket.once('timeout', this.onConnectTimeout);
    this.socket.on('error', this.onError);
    this.socket.once('end', this.onEnd);
    this.socket.once('close', this.onClose);
  }

  private onConnect = (): void => {
    this.connected = true;
    this.client.connecting--;
    this.socket.setTimeout(0);
    this.socket.off('timeout', this.onConnectTimeout);
    if (this.ex !== undefined) this.client.write(this, this.ex);
    else this.client.connectedIdle(this);
  };

  private onConnectTimeout = (): void => {
    if (this.connected) return;
    this.fail(new HttpError('UND_ERR_CONNECT_TIMEOUT', 'connect timed out'));
  };

  private onRead(n: number, buf: Buffer): boolean {
    const ex = this.ex;
    if (ex === undefined) {
      // Bytes nobody asked for: the connection is out of step, close it.
      this.fail(undefined);
      return false;
    }
    const r = this.parser.execute(buf, 0, n);
    if (r === PARSE_DONE) {
      if (this.parser.trailing > 0) this.parser.keepAlive = false;
      this.client.finish(this, ex);
    } else if (r === PARSE_ERROR) {
      this.fail(new HttpError('HPE_INVALID', `invalid HTTP response: ${this.parser.error}`));
    }
    return true;
  }

  private onError = (err: Error): void => {
    this.fail(err);
  };

  private onEnd = (): void => {
    const ex = this.ex;
    if (ex !== undefined && this.parser.finishAtEof() === PARSE_DONE) {
      this.parser.keepAlive = false;
      this.client.finish(this, ex);
      return;
    }
    this.fail(new HttpError('ECONNRESET', 'the server closed the connection before the response ended'));
  };

  private onClose = (): void => {
    this.fail(new HttpError('ECONNRESET', 'socket closed'));
  };

  /** Closes this connection; an exchange in flight fails with `err`. */
  fail(err: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.connected) this.client.connecting--;
    this.socket.destroy();
    const ex = this.ex;
    this.ex = undefined;
    this.client.lost(this, ex, err);
  }

  get idle(): boolean {
    return this.ex === undefined && !this.closed;
  }
}

export class LeanClient implements HttpClient {
  readonly name = 'lean';
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs: number;
  /** Connections opened and not connected yet (see MAX_CONNECTING). */
  connecting = 0;
  private readonly hostHeader: string;
  private readonly max: number;
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private queue: Exchange[] = [];
  private queueSeq: number[] = [];
  private queueHead = 0;
  private destroyed = false;

  constructor(o: HttpClientOptions) {
    if (o.origin.protocol !== 'http:')
      throw new Error(`the lean client speaks http only, not ${o.origin.protocol}`);
    this.host = o.origin.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(o.origin.port || 80);
    this.hostHeader = o.origin.host;
    this.max = Math.max(1, o.maxConnections);
    this.connectTimeoutMs = o.connectTimeoutMs;
  }

  send(ex: Exchange): void {
    if (this.destroyed) {
      queueMicrotask(() => this.settle(ex, new HttpError('UND_ERR_DESTROYED', 'client closed')));
      return;
    }
    const now = ex.dispatchedAt;
    let c = this.idle.pop();
    while (c !== undefined && (c.closed || c.expiresAt <= now)) {
      if (!c.closed) c.fail(undefined);
      c = this.idle.pop();
    }
    if (c !== undefined) {
      this.assign(c, ex);
      return;
    }
    this.queue.push(ex);
    this.queueSeq.push(ex.seq);
    this.pump();
  }

  abort(ex: Exchange, _err: Error): void {
    const c = ex.slot as Connection | undefined;
    ex.slot = undefined;
    // Queued: left in the queue, skipped when its turn comes (its seq no longer matches or it is done).
    if (c !== undefined && c.ex === ex) {
      c.ex = undefined;
      c.fail(undefined);
    }
  }

  async warm(connections: number, withinMs: number): Promise<void> {
    const n = Math.min(connections, this.max) - this.all.size;
    if (n <= 0 || this.destroyed) return;
    const opened: Connection[] = [];
    for (let i = 0; i < n; i++) opened.push(this.open());
    await new Promise<void>((resolve) => {
      const deadline = setTimeout(finish, withinMs);
      const poll = setInterval(() => {
        if (opened.every((c) => c.connected || c.closed)) finish();
      }, 2);
      function finish(): void {
        clearTimeout(deadline);
        clearInterval(poll);
        resolve();
      }
    });
  }

  /** A connection opened with no request on it (ahead of need, or for the queue) is ready. */
  connectedIdle(c: Connection): void {
    this.release(c);
    this.pump();
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.queue = [];
    this.queueSeq = [];
    this.queueHead = 0;
    const closing: Promise<void>[] = [];
    for (const c of this.all) {
      if (!c.socket.closed) closing.push(new Promise((r) => c.socket.once('close', () => r())));
      c.ex = undefined;
      c.fail(undefined);
    }
    this.idle.length = 0;
    await Promise.all(closing);
  }

  private open(): Connection {
    this.connecting++;
    const c = new Connection(this);
    this.all.add(c);
    return c;
  }

  private assign(c: Connection, ex: Exchange): void {
    c.ex = ex;
    ex.slot = c;
    const wire = this.wireOf(ex.shape);
    c.parser.reset(wire.headRequest, ex.keepBody);
    if (c.connected) this.write(c, ex);
  }

  /** Writes the request on its connection (connected). */
  write(c: Connection, ex: Exchange): void {
    const wire = this.wireOf(ex.shape);
    let data: string | Buffer;
    if (wire.bytes !== undefined) {
      data = wire.bytes;
      ex.sent = data.length;
    } else {
      const body = ex.body;
      if (body === undefined) {
        data = `${wire.prefix}${ex.path}${wire.suffix}${wire.emptyBody ? 'content-length: 0\r\n\r\n' : '\r\n'}`;
        ex.sent = data.length;
      } else if (typeof body === 'string') {
        const n = Buffer.byteLength(body);
        data = `${wire.prefix}${ex.path}${wire.suffix}content-length: ${n}\r\n\r\n${body}`;
        ex.sent = data.length - body.length + n;
      } else {
        const head = `${wire.prefix}${ex.path}${wire.suffix}content-length: ${body.length}\r\n\r\n`;
        data = Buffer.concat([Buffer.from(head, 'latin1'), body]);
        ex.sent = data.length;
      }
      if (ex.shape.fixed) {
        wire.bytes = typeof data === 'string' ? Buffer.from(data) : data;
        data = wire.bytes;
        ex.sent = data.length;
      }
    }
    ex.sentAt = performance.now();
    if (sentChannel.hasSubscribers) sentChannel.publish({ exchange: ex, at: ex.sentAt });
    c.socket.write(data);
  }

  /** The response on `c` is complete. */
  finish(c: Connection, ex: Exchange): void {
    const p = c.parser;
    ex.status = p.status;
    ex.received = p.received;
    if (ex.keepBody) ex.chunks = p.body;
    c.ex = undefined;
    ex.slot = undefined;
    if (p.keepAlive && !this.destroyed) {
      if (p.keepAliveTimeoutMs > 0)
        c.expiresAt = performance.now() + p.keepAliveTimeoutMs - KEEP_ALIVE_MARGIN_MS;
      this.release(c);
    } else c.fail(undefined);
    this.settle(ex, undefined);
  }

  /** `c` closed; `ex` was in flight on it (or undefined). */
  lost(c: Connection, ex: Exchange | undefined, err: Error | undefined): void {
    this.all.delete(c);
    if (ex !== undefined) {
      ex.slot = undefined;
      // No retry, not even of an idempotent request on a reused connection: a reset is what chaos
      // runs measure. Connections past the server's announced keep-alive timeout are not reused.
      ex.received = c.parser.received;
      this.settle(ex, err ?? new HttpError('ECONNRESET', 'socket closed'));
    } else if (!c.connected && err !== undefined) {
      // A connect that failed (refused, timed out) fails the request it was opened for, as if the
      // request had been tied to it: one error per attempt, never a queue left waiting on nothing.
      const waiting = this.dequeue();
      if (waiting !== undefined) this.settle(waiting, err);
    }
    this.pump();
  }

  private settle(ex: Exchange, err: Error | undefined): void {
    const at = performance.now();
    if (doneChannel.hasSubscribers) doneChannel.publish({ exchange: ex, at, error: err });
    ex.owner.complete(ex, err, at);
  }

  /** Hands a free connection to the next queued exchange, or parks it. */
  private release(c: Connection): void {
    const next = this.dequeue();
    if (next !== undefined) this.assign(c, next);
    else this.idle.push(c);
  }

  /** Opens connections for the queued exchanges while there is room, MAX_CONNECTING at a time. */
  private pump(): void {
    while (
      !this.destroyed &&
      this.all.size < this.max &&
      this.connecting < MAX_CONNECTING &&
      this.queue.length - this.queueHead > this.connecting
    )
      this.open();
  }

  private dequeue(): Exchange | undefined {
    while (this.queueHead < this.queue.length) {
      const i = this.queueHead++;
      const ex = this.queue[i]!;
      const seq = this.queueSeq[i]!;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueSeq = this.queueSeq.slice(this.queueHead);
        this.queueHead = 0;
      }
      if (!ex.done && ex.seq === seq && ex.slot === undefined) return ex;
    }
    if (this.queueHead > 0) {
      this.queue.length = 0;
      this.queueSeq.length = 0;
      this.queueHead = 0;
    }
    return undefined;
  }

  private wireOf(shape: RequestShape): Wire {
    const cached = shape.cache as Wire | undefined;
    if (cached !== undefined && cached.client === this) return cached;
    const names = new Set<string>();
    let suffix = ' HTTP/1.1\r\n';
    for (let i = 0; i < shape.headers.length; i += 2) {
      names.add(shape.headers[i]!.toLowerCase());
      suffix += `${shape.headers[i]}: ${shape.headers[i + 1]}\r\n`;
    }
    let fixed = '';
    if (!names.has('host')) fixed += `host: ${this.hostHeader}\r\n`;
    if (!names.has('connection')) fixed += 'connection: keep-alive\r\n';
    const wire: Wire = {
      client: this,
      prefix: `${shape.method} `,
      suffix: ` HTTP/1.1\r\n${fixed}${suffix.slice(11)}`,
      emptyBody: EMPTY_BODY_METHODS.has(shape.method),
      headRequest: shape.method === 'HEAD',
      bytes: undefined,
    };
    shape.cache = wire;
    return wire;
  }
}
