import type { ErrorClass } from '../metrics/types.ts';
import {
  classifyError,
  classifyStatus,
  RequestCancelledError,
  RequestTimeoutError,
} from './http/classify-error.ts';
import { Exchange, type ExchangeOwner } from './http/exchange.ts';
import { parseLedgerEntry } from './http/ledger-parser.ts';
import type { RunContext } from './http/run-context.ts';
import type { TemplateContext } from './workload/compile.ts';

/** The runner that owns a VU: told when each of its iterations ends. */
export interface VuHost {
  /** `completed` is false when the iteration was cancelled (not counted, not recorded). */
  onIterationEnd(vu: Vu, completed: boolean): void;
}

/**
 * A virtual user: runs one iteration (one request of the mix) at a time and
 * records it. Both models drive the same VUs; only who starts the next
 * iteration differs.
 */
export class Vu implements ExchangeOwner {
  readonly ctx: TemplateContext;
  current: Exchange | undefined;
  private dispatching = false;

  constructor(
    readonly id: number,
    private readonly run: RunContext,
    private readonly host: VuHost,
  ) {
    this.ctx = { key: 0, vu: id, iter: 0 };
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Starts one iteration; `intendedAt` is its planned start (monotonic ms). */
  start(intendedAt: number): void {
    const { run, ctx } = this;
    const req = run.workload.pick();
    req.prepare(ctx);
    const path = run.pathPrefix === '' ? req.path(ctx) : run.pathPrefix + req.path(ctx);
    const body = req.body(ctx);
    let sent = req.headBytes + path.length + run.fixedHeadBytes;
    if (body !== undefined) {
      const n = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
      sent += n + 18 + String(n).length; // "content-length: n\r\n"
    }
    const ex = new Exchange(this, req, intendedAt, performance.now(), sent);
    this.current = ex;
    this.dispatching = true;
    run.pool.dispatch(
      {
        path,
        method: req.method,
        headers: req.headers,
        body,
        headersTimeout: run.timeoutMs,
        bodyTimeout: run.timeoutMs,
      },
      ex,
    );
    this.dispatching = false;
  }

  /** Times the current request out once it has been out longer than the timeout. */
  checkTimeout(now: number): void {
    const ex = this.current;
    if (ex === undefined || ex.done || now - ex.dispatchedAt < this.run.timeoutMs) return;
    ex.timedOut = true;
    const err = new RequestTimeoutError(this.run.timeoutMs);
    ex.abort(err);
    // Still queued for a connection (or the abort settles later): settle it now.
    if (!ex.done) this.complete(ex, err);
  }

  /** Cancels the current iteration: not recorded, not counted. */
  cancel(): void {
    const ex = this.current;
    if (ex === undefined || ex.done) return;
    ex.done = true;
    this.current = undefined;
    ex.abort(new RequestCancelledError());
    this.release(false);
  }

  complete(ex: Exchange, err: Error | undefined): void {
    if (ex.done) return;
    ex.done = true;
    const now = performance.now();
    const { run } = this;
    const req = ex.request;
    let error: ErrorClass | undefined;
    if (err !== undefined) error = ex.timedOut ? 'timeout' : classifyError(err);
    else if (req.expected[ex.status] !== 1) error = classifyStatus(ex.status);
    const sentAt = ex.connectedAt >= 0 ? ex.connectedAt : ex.dispatchedAt;
    // Open model: from the intended start (coordinated omission corrected). Closed: from the send, as k6.
    const durationUs = ((run.open ? ex.intendedAt : sentAt) - now) * -1000;
    const serviceUs = run.open && ex.connectedAt >= 0 ? (now - ex.connectedAt) * 1000 : -1;
    run.recorder.recordRequest(now, req.index, durationUs, serviceUs, ex.status, error, ex.sent, ex.received);
    run.recorder.recordIteration(now);
    if (ex.chunks !== undefined && err === undefined && ex.status >= 200 && ex.status < 300) {
      const entry = parseLedgerEntry(req.name, Buffer.concat(ex.chunks).toString('utf8'), run.epochOf(now));
      if (entry !== undefined) run.ledger.push(entry);
    }
    this.current = undefined;
    this.ctx.iter++;
    this.release(true);
  }

  private release(completed: boolean): void {
    // A request that failed inside dispatch() (pool closed) must not start the next one on this stack.
    if (this.dispatching) setImmediate(() => this.host.onIterationEnd(this, completed));
    else this.host.onIterationEnd(this, completed);
  }
}
