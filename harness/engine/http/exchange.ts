import type { Dispatcher } from 'undici';
import type { CompiledRequest } from '../workload/compile.ts';

/** Who is told when an exchange ends (its VU). */
export interface ExchangeOwner {
  complete(exchange: Exchange, err: Error | undefined): void;
}

/**
 * One request and its response, as an undici dispatch handler (the legacy
 * callback API, which the client calls without wrapping or parsing headers
 * into objects). It counts what it receives without copying, and keeps the
 * body only for ledger requests.
 */
export class Exchange implements Dispatcher.DispatchHandler {
  status = 0;
  received = 0;
  /** When the request was written to a socket (monotonic ms), -1 before. */
  connectedAt = -1;
  /** Settled: completed, failed, timed out or cancelled; later callbacks are ignored. */
  done = false;
  timedOut = false;
  chunks: Buffer[] | undefined;
  private abortFn: ((err: Error) => void) | undefined;

  constructor(
    readonly owner: ExchangeOwner,
    readonly request: CompiledRequest,
    /** When the iteration should have started (open model) or started (closed model). */
    readonly intendedAt: number,
    readonly dispatchedAt: number,
    readonly sent: number,
  ) {
    if (request.ledger) this.chunks = [];
  }

  onConnect(abort: (err?: Error) => void): void {
    // Settled while still queued for a connection (timed out or cancelled): never send it.
    if (this.done) {
      abort(new Error('request settled before it was sent'));
      return;
    }
    this.abortFn = abort;
    this.connectedAt = performance.now();
  }

  onHeaders(status: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    this.status = status;
    // "HTTP/1.1 200 OK\r\n", "name: value\r\n" per header, final "\r\n".
    let bytes = 15 + statusText.length + 2;
    for (let i = 0; i < rawHeaders.length; i++) bytes += rawHeaders[i]!.length + 2;
    this.received += bytes;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.received += chunk.length;
    this.chunks?.push(chunk);
    return true;
  }

  onComplete(): void {
    if (!this.done) this.owner.complete(this, undefined);
  }

  onError(err: Error): void {
    if (!this.done) this.owner.complete(this, err);
  }

  /** Aborts the request on its socket, if it has one. */
  abort(err: Error): void {
    this.abortFn?.(err);
  }
}
