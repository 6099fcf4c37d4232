/**
 * Call outcomes over the last `windowMs`, in 10 fixed buckets: constant memory
 * whatever the call rate, at the cost of a window that slides in 1/10 steps.
 */
const bucketCount = 10;

export class RollingWindow {
  readonly #bucketMs: number;
  readonly #starts = new Array<number>(bucketCount).fill(Number.NEGATIVE_INFINITY);
  readonly #ok = new Array<number>(bucketCount).fill(0);
  readonly #failed = new Array<number>(bucketCount).fill(0);

  constructor(windowMs: number) {
    this.#bucketMs = Math.max(1, windowMs / bucketCount);
  }

  record(now: number, ok: boolean): void {
    const slot = Math.floor(now / this.#bucketMs);
    const i = slot % bucketCount;
    const start = slot * this.#bucketMs;
    if (this.#starts[i] !== start) {
      this.#starts[i] = start;
      this.#ok[i] = 0;
      this.#failed[i] = 0;
    }
    if (ok) this.#ok[i]!++;
    else this.#failed[i]!++;
  }

  /** Calls and failures whose bucket is still inside the window. */
  totals(now: number): { calls: number; failures: number } {
    const oldest = (Math.floor(now / this.#bucketMs) - bucketCount + 1) * this.#bucketMs;
    let calls = 0;
    let failures = 0;
    for (let i = 0; i < bucketCount; i++) {
      if (this.#starts[i]! < oldest) continue;
      calls += this.#ok[i]! + this.#failed[i]!;
      failures += this.#failed[i]!;
    }
    return { calls, failures };
  }

  reset(): void {
    this.#starts.fill(Number.NEGATIVE_INFINITY);
  }
}
