/**
 * A bulkhead: at most `limit` calls in flight to one dependency, at most
 * `queue` more waiting for a slot (FIFO). A call beyond that fails at once
 * with BulkheadFullError instead of piling up behind a slow dependency.
 */
export class BulkheadFullError extends Error {
  constructor(limit: number, queue: number) {
    super(`bulkhead full (${limit} in flight, ${queue} queued)`);
    this.name = 'BulkheadFullError';
  }
}

export interface BulkheadOptions {
  limit: number;
  queue: number;
  onReject?: () => void;
}

export class Bulkhead {
  readonly limit: number;
  readonly queueLimit: number;
  readonly #onReject: (() => void) | undefined;
  readonly #waiting: (() => void)[] = [];
  #inFlight = 0;

  constructor(opts: BulkheadOptions) {
    this.limit = opts.limit;
    this.queueLimit = opts.queue;
    this.#onReject = opts.onReject;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#inFlight >= this.limit) {
      if (this.#waiting.length >= this.queueLimit) {
        this.#onReject?.();
        throw new BulkheadFullError(this.limit, this.queueLimit);
      }
      // The slot is handed over by #release: #inFlight stays counted for us.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#inFlight++;
    }
    try {
      return await fn();
    } finally {
      this.#release();
    }
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#inFlight--;
    else next();
  }
}
