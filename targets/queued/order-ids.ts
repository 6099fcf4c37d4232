/**
 * Order ids the API assigns before an order is persisted (it answers 202
 * first): a snowflake that fits the integrity ledger's 15-digit ids —
 * `(ms since 2025-01-01) * 4096 + seq * 4 + node`, seq 0..1023 per ms, node
 * 0..3. Ids grow with time and never repeat within a process (a burst past
 * 1024/ms borrows the next millisecond; a clock step back reuses the last
 * one). 15 digits last until 2032. Two API processes need distinct nodes.
 */

const epochMs = Date.UTC(2025, 0, 1);
const perMs = 1_024;
const nodes = 4;

export class OrderIdGenerator {
  readonly #node: number;
  readonly #now: () => number;
  #lastMs = -1;
  #seq = 0;

  constructor(node = 0, now: () => number = Date.now) {
    if (!Number.isInteger(node) || node < 0 || node >= nodes)
      throw new RangeError(`node must be in [0, ${nodes - 1}]`);
    this.#node = node;
    this.#now = now;
  }

  next(): number {
    let ms = Math.max(this.#now() - epochMs, this.#lastMs);
    if (ms === this.#lastMs) {
      this.#seq++;
      if (this.#seq === perMs) {
        ms++;
        this.#seq = 0;
      }
    } else {
      this.#seq = 0;
    }
    this.#lastMs = ms;
    return (ms * perMs + this.#seq) * nodes + this.#node;
  }
}
