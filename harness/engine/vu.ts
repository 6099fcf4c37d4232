import type { ErrorClass } from '../../model/index.ts';
import {
  classifyError,
  classifyStatus,
  RequestCancelledError,
  RequestTimeoutError,
} from './http/classify-error.ts';
import { Exchange, type ExchangeOwner } from './http/client.ts';
import { parseLedgerEntry } from './http/ledger-parser.ts';
import { recordExchange } from './http/record-exchange.ts';
import type { RunContext } from './http/run-context.ts';
import type { CompiledRequest, TemplateContext } from './workload/compile.ts';

/** The runner that owns a VU: told when each of its iterations ends. */
export type { VuHost, VuLike } from './vu-like.ts';

import type { VuHost, VuLike } from './vu-like.ts';

/**
 * A virtual user of the request mix: runs one iteration (one request of the
 * mix) at a time on its one reusable Exchange, and records it. Both models
 * drive the same VUs; only who starts the next iteration differs.
 */
export class Vu implements VuLike, ExchangeOwner {
  readonly ctx: TemplateContext;
  private readonly ex: Exchange;
  private req: CompiledRequest | undefined;
  private dispatching = false;

  constructor(
    readonly id: number,
    private readonly run: RunContext,
    private readonly host: VuHost,
  ) {
    this.ctx = { key: 0, vu: run.vuId(id), iter: 0 };
    this.ex = new Exchange(this);
  }

  get busy(): boolean {
    return !this.ex.done;
  }

  get iterations(): number {
    return this.ctx.iter;
  }

  start(intendedAt: number, now: number): void {
    const { run, ctx, ex } = this;
    const req = run.workload.pick();
    this.req = req;
    req.prepare(ctx);
    const path = run.pathPrefix === '' ? req.path(ctx) : run.pathPrefix + req.path(ctx);
    ex.begin(req.shape, path, req.body(ctx), req.ledger, intendedAt, now);
    if (run.open) run.recorder.recordLag(now, now - intendedAt);
    this.dispatching = true;
    run.client.send(ex);
    this.dispatching = false;
  }

  checkTimeout(now: number): void {
    const ex = this.ex;
    if (ex.done || now - ex.dispatchedAt < this.run.timeoutMs) return;
    ex.timedOut = true;
    const err = new RequestTimeoutError(this.run.timeoutMs);
    this.run.client.abort(ex, err);
    this.complete(ex, err, now);
  }

  cancel(): void {
    const ex = this.ex;
    if (ex.done) return;
    ex.done = true;
    this.run.client.abort(ex, new RequestCancelledError());
    this.release(false);
  }

  complete(ex: Exchange, err: Error | undefined, now: number): void {
    if (ex.done) return;
    ex.done = true;
    const { run } = this;
    const req = this.req!;
    let error: ErrorClass | undefined;
    if (err !== undefined) error = ex.timedOut ? 'timeout' : classifyError(err);
    else if (req.expected[ex.status] !== 1) error = classifyStatus(ex.status);
    recordExchange(run, run.slots[req.index]!, ex, error, now);
    run.recorder.recordIteration(now, run.scenario, now - ex.dispatchedAt);
    if (req.ledger && err === undefined && ex.status >= 200 && ex.status < 300) {
      const entry = parseLedgerEntry(req.name, ex.text(), run.epochOf(now));
      if (entry !== undefined) run.ledger.push(entry);
    }
    this.ctx.iter++;
    this.release(true);
  }

  private release(completed: boolean): void {
    // A request that failed inside send() must not start the next one on this stack.
    if (this.dispatching) setImmediate(() => this.host.onIterationEnd(this, completed));
    else this.host.onIterationEnd(this, completed);
  }
}
