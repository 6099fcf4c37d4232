/**
 * The read-replica data path: writes (and the order's item check) go to the
 * primary; item and order reads go round-robin over the hot standbys, each with
 * its own pool. Read-your-writes is NOT guaranteed — a read right after a write
 * may hit a replica that has not replayed it yet (an old version, or 404 for a
 * new row). That is the pattern's trade-off; db_replication_lag_* shows how far
 * behind each replica is.
 * A replica that fails a read is skipped for `skipMs` and the read is retried
 * on the primary (db_replica_fallbacks_total), so one dead replica costs one
 * failed query, not an outage. Reads are counted by where they were answered:
 * db_reads_total{target="primary"|"replica-0"|…}.
 */
import { Counter } from 'prom-client';
import { DependencyError } from '../service/errors.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import type { Item, ItemStore, Order, PgStore } from '../service/store.ts';

export class ReplicatedStore implements ItemStore {
  readonly #primary: PgStore;
  readonly #replicas: PgStore[];
  readonly #skipUntil: number[];
  readonly #skipMs: number;
  readonly #reads: Counter<'target'>;
  readonly #fallbacks: Counter<'replica'>;
  #next = 0;

  constructor(primary: PgStore, replicas: PgStore[], metrics: ServiceMetrics, skipMs = 1_000) {
    this.#primary = primary;
    this.#replicas = replicas;
    this.#skipUntil = replicas.map(() => 0);
    this.#skipMs = skipMs;
    this.#reads = new Counter({
      name: 'db_reads_total',
      help: 'Item and order reads, by the database that answered (primary, replica-N)',
      labelNames: ['target'] as const,
      registers: [metrics.registry],
    });
    this.#fallbacks = new Counter({
      name: 'db_replica_fallbacks_total',
      help: 'Reads a replica failed and the primary answered instead, by replica',
      labelNames: ['replica'] as const,
      registers: [metrics.registry],
    });
    this.#reads.inc({ target: 'primary' }, 0);
    for (let i = 0; i < replicas.length; i++) this.#reads.inc({ target: `replica-${i}` }, 0);
  }

  /** The next replica in turn that is not being skipped, or undefined (→ primary). */
  #pick(now: number): number | undefined {
    const n = this.#replicas.length;
    for (let tried = 0; tried < n; tried++) {
      const i = this.#next++ % n;
      if (this.#skipUntil[i]! <= now) return i;
    }
    return undefined;
  }

  async #read<T>(fn: (store: PgStore) => Promise<T>): Promise<T> {
    const i = this.#pick(Date.now());
    if (i !== undefined) {
      try {
        const result = await fn(this.#replicas[i]!);
        this.#reads.inc({ target: `replica-${i}` });
        return result;
      } catch (err) {
        if (!(err instanceof DependencyError)) throw err;
        this.#skipUntil[i] = Date.now() + this.#skipMs;
        this.#fallbacks.inc({ replica: `replica-${i}` });
      }
    }
    const result = await fn(this.#primary);
    this.#reads.inc({ target: 'primary' });
    return result;
  }

  getItem(id: number): Promise<Item | undefined> {
    return this.#read((s) => s.getItem(id));
  }

  putItem(id: number, value: string): Promise<number> {
    return this.#primary.putItem(id, value);
  }

  createOrder(itemId: number, qty: number): Promise<number | undefined> {
    return this.#primary.createOrder(itemId, qty);
  }

  getOrder(id: number): Promise<Order | undefined> {
    return this.#read((s) => s.getOrder(id));
  }

  /** Healthy while the primary answers: reads fall back to it when replicas are down. */
  ping(timeoutMs: number): Promise<void> {
    return this.#primary.ping(timeoutMs);
  }

  async reset(): Promise<void> {}

  async settle(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([this.#primary, ...this.#replicas].map((s) => s.close()));
  }
}
