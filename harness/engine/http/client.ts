/**
 * The engine's one seam to HTTP: a client sends an Exchange and calls its
 * owner back once, when the response is complete or the request failed.
 * Two clients implement it: the lean HTTP/1.1 client on raw sockets (the
 * default, for throughput) and undici (the reference). Both report the same
 * error codes (ECONNREFUSED, ECONNRESET, …, see classify-error.ts) and count
 * bytes the same way: what was written and what was read, framing included.
 */
import diagnostics from 'node:diagnostics_channel';

/** Who is told when an exchange ends. */
export interface ExchangeOwner {
  /** `at`: when the response ended or the request failed (monotonic ms), read once by the client. */
  complete(exchange: Exchange, err: Error | undefined, at: number): void;
}

/**
 * What does not change between two sends of one mix entry: method and
 * headers; when `fixed`, the path and body never change either, so a client
 * may cache the bytes of the whole request.
 */
export interface RequestShape {
  method: string;
  /** Flat `[name, value, …]` list, content-type included when there is a body. */
  headers: readonly string[];
  fixed: boolean;
  /** A client's cache for this shape (the lean client keeps the serialized head here). */
  cache?: unknown;
}

/**
 * One request and its response. A VU reuses its exchange from one request to
 * the next (`begin` resets it), so the hot path allocates nothing per request.
 */
export class Exchange {
  shape!: RequestShape;
  path = '';
  body: string | Buffer | undefined = undefined;
  /** Keep the response body (ledger requests, scripts). */
  keepBody = false;
  /** When the iteration should have started (open model) or started (closed model), monotonic ms. */
  intendedAt = 0;
  /** When it was handed to the client (monotonic ms): the timeout counts from here. */
  dispatchedAt = 0;
  /** When it was written to a socket (monotonic ms), -1 before. */
  sentAt = -1;
  status = 0;
  sent = 0;
  received = 0;
  /** The response body, when kept. */
  chunks: Buffer[] | undefined = undefined;
  /** Settled: completed, failed, timed out or cancelled. */
  done = true;
  timedOut = false;
  /** Increments at each `begin`, so a client can tell a stale callback from a current one. */
  seq = 0;
  /** The client's handle on this exchange while it is in flight (connection, queue slot…). */
  slot: unknown = undefined;
  /** Anything the owner wants to carry along (a script's pending promise). */
  context: unknown = undefined;

  constructor(readonly owner: ExchangeOwner) {}

  begin(
    shape: RequestShape,
    path: string,
    body: string | Buffer | undefined,
    keepBody: boolean,
    intendedAt: number,
    now: number,
  ): void {
    this.shape = shape;
    this.path = path;
    this.body = body;
    this.keepBody = keepBody;
    this.intendedAt = intendedAt;
    this.dispatchedAt = now;
    this.sentAt = -1;
    this.status = 0;
    this.sent = 0;
    this.received = 0;
    this.chunks = undefined;
    this.done = false;
    this.timedOut = false;
    this.seq++;
    this.slot = undefined;
  }

  /** The kept response body as text ('' when not kept). */
  text(): string {
    const c = this.chunks;
    if (c === undefined || c.length === 0) return '';
    return c.length === 1 ? c[0]!.toString('utf8') : Buffer.concat(c).toString('utf8');
  }
}

export interface HttpClient {
  readonly name: 'lean' | 'undici';
  /** Sends the exchange (now, or when a connection frees up); its owner hears back once. */
  send(ex: Exchange): void;
  /** Drops the exchange without calling back (timeout, cancel): its connection is closed. */
  abort(ex: Exchange, err: Error): void;
  /**
   * Opens up to `connections` connections ahead of the first request and waits
   * (at most `withinMs`) for them: the generator's cold start — first
   * connects, first-time code paths — then stays out of the measurement, as
   * wrk and autocannon connect before they measure. Failures are left to the
   * requests to meet.
   */
  warm(connections: number, withinMs: number): Promise<void>;
  /** Closes every connection. */
  destroy(): Promise<void>;
}

export interface HttpClientOptions {
  /** Origin, e.g. `http://127.0.0.1:8080`. */
  origin: URL;
  maxConnections: number;
  connectTimeoutMs: number;
  /** Request timeout, ms (the engine also sweeps timeouts itself). */
  timeoutMs: number;
}

/**
 * Diagnostics channels, for tests that want an independent truth: published
 * only when someone subscribed (`{ exchange, at }`, `at` the very timestamp
 * the engine records with).
 */
export const sentChannel = diagnostics.channel('harness:http:sent');
export const doneChannel = diagnostics.channel('harness:http:done');
