/**
 * The reference client: an undici keep-alive Pool behind the engine's client
 * seam. Each send gets a small dispatch handler (undici's legacy callback
 * API, which calls back without parsing headers into objects); a handler
 * whose exchange moved on (timed out, cancelled, reused) is ignored.
 */
import { type Dispatcher, Pool } from 'undici';
import {
  doneChannel,
  type Exchange,
  type HttpClient,
  type HttpClientOptions,
  sentChannel,
} from './client.ts';

class Handler implements Dispatcher.DispatchHandler {
  private abortFn: ((err: Error) => void) | undefined;
  private settled = false;

  constructor(
    private readonly ex: Exchange,
    private readonly seq: number,
  ) {}

  private get current(): boolean {
    return !this.settled && this.ex.seq === this.seq && !this.ex.done;
  }

  onConnect(abort: (err?: Error) => void): void {
    // Settled while still queued for a connection (timed out or cancelled): never send it.
    if (!this.current) {
      abort(new Error('request settled before it was sent'));
      return;
    }
    this.abortFn = abort;
    this.ex.slot = this;
    this.ex.sentAt = performance.now();
    if (sentChannel.hasSubscribers) sentChannel.publish({ exchange: this.ex, at: this.ex.sentAt });
  }

  onHeaders(status: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    if (!this.current) return true;
    this.ex.status = status;
    // "HTTP/1.1 200 OK\r\n", "name: value\r\n" per header, final "\r\n".
    let bytes = 15 + statusText.length + 2;
    for (let i = 0; i < rawHeaders.length; i++) bytes += rawHeaders[i]!.length + 2;
    this.ex.received += bytes;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (!this.current) return true;
    this.ex.received += chunk.length;
    if (this.ex.keepBody) {
      this.ex.chunks ??= [];
      this.ex.chunks.push(chunk);
    }
    return true;
  }

  onComplete(): void {
    this.settle(undefined);
  }

  onError(err: Error): void {
    this.settle(err);
  }

  abort(err: Error): void {
    this.settled = true;
    this.abortFn?.(err);
  }

  private settle(err: Error | undefined): void {
    if (!this.current) return;
    this.settled = true;
    this.ex.slot = undefined;
    const at = performance.now();
    if (doneChannel.hasSubscribers) doneChannel.publish({ exchange: this.ex, at, error: err });
    this.ex.owner.complete(this.ex, err, at);
  }
}

export class UndiciClient implements HttpClient {
  readonly name = 'undici';
  private readonly pool: Pool;
  private readonly fixedHeadBytes: number;

  constructor(private readonly o: HttpClientOptions) {
    this.pool = new Pool(o.origin.origin, {
      connections: Math.max(1, o.maxConnections),
      pipelining: 1,
      connect: { timeout: o.connectTimeoutMs },
    });
    this.fixedHeadBytes = `host: ${o.origin.host}\r\nconnection: keep-alive\r\n`.length;
  }

  send(ex: Exchange): void {
    const { shape, body } = ex;
    let sent = shape.method.length + 1 + ex.path.length + 11 + this.fixedHeadBytes + 2;
    for (let i = 0; i < shape.headers.length; i += 2)
      sent += shape.headers[i]!.length + 2 + shape.headers[i + 1]!.length + 2;
    if (body !== undefined) {
      const n = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
      sent += n + 18 + String(n).length; // "content-length: n\r\n"
    }
    ex.sent = sent;
    const handler = new Handler(ex, ex.seq);
    ex.slot = handler;
    this.pool.dispatch(
      {
        path: ex.path,
        method: shape.method as Dispatcher.HttpMethod,
        headers: shape.headers as string[],
        body,
        headersTimeout: this.o.timeoutMs,
        bodyTimeout: this.o.timeoutMs,
      },
      handler,
    );
  }

  abort(ex: Exchange, err: Error): void {
    const h = ex.slot as Handler | undefined;
    ex.slot = undefined;
    h?.abort(err);
  }

  /** undici connects on demand. */
  async warm(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.pool.destroy().catch(() => undefined);
  }
}
