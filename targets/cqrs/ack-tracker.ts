/**
 * Stale reads, as the API that acknowledged the writes sees them. A query is
 * answered from the read model, which lags the write model; the tracker
 * remembers when each write was acknowledged and classifies every read:
 * - `fresh`: it saw the newest acknowledged write (or no write was acknowledged);
 * - `behind`: it missed only writes acknowledged less than `boundMs` before the
 *   read began — the eventual consistency the pattern promises;
 * - `stale`: it missed a write acknowledged more than `boundMs` before — the
 *   projection broke its lag bound.
 * Per item it keeps the acks inside the bound plus the newest one older than
 * it; orders are forgotten once read back, or past `maxOrders` (oldest first).
 * Time is passed in (ms), so it is tested as data.
 */

export type ReadFreshness = 'fresh' | 'behind' | 'stale';

interface Ack {
  version: number;
  at: number;
}

export class AckTracker {
  readonly boundMs: number;
  readonly #maxOrders: number;
  readonly #items = new Map<number, Ack[]>();
  readonly #orders = new Map<number, number>();

  constructor(boundMs: number, maxOrders = 1_000_000) {
    this.boundMs = boundMs;
    this.#maxOrders = maxOrders;
  }

  itemAcked(id: number, version: number, at: number): void {
    const acks = this.#items.get(id) ?? [];
    acks.push({ version, at });
    acks.sort((a, b) => a.version - b.version);
    this.#items.set(id, this.#prune(acks, at));
  }

  orderAcked(id: number, at: number): void {
    this.#orders.set(id, at);
    if (this.#orders.size > this.#maxOrders) this.#orders.delete(this.#orders.keys().next().value!);
  }

  /** A read of item `id` that began at `startedAt` and found `version` (0: not found). */
  itemRead(id: number, version: number, startedAt: number): ReadFreshness {
    const acks = this.#items.get(id);
    if (acks === undefined || acks.length === 0) return 'fresh';
    const newest = acks[acks.length - 1]!;
    if (version >= newest.version) return 'fresh';
    const due = this.#due(acks, startedAt);
    return due !== undefined && version < due.version ? 'stale' : 'behind';
  }

  /** A read of order `id` that began at `startedAt`; `found` whether the read model had it. */
  orderRead(id: number, found: boolean, startedAt: number): ReadFreshness {
    const at = this.#orders.get(id);
    if (at === undefined) return 'fresh';
    if (found) {
      this.#orders.delete(id);
      return 'fresh';
    }
    return at <= startedAt - this.boundMs ? 'stale' : 'behind';
  }

  forget(): void {
    this.#items.clear();
    this.#orders.clear();
  }

  /** The newest ack at least `boundMs` old at `now`. */
  #due(acks: Ack[], now: number): Ack | undefined {
    let due: Ack | undefined;
    for (const a of acks)
      if (a.at <= now - this.boundMs && (due === undefined || a.version > due.version)) due = a;
    return due;
  }

  /** Drops acks older than the bound, except the newest of them. */
  #prune(acks: Ack[], now: number): Ack[] {
    const due = this.#due(acks, now);
    return due === undefined ? acks : acks.filter((a) => a === due || a.at > now - this.boundMs);
  }
}
