/**
 * The API side of the queued path. Reads go to Postgres; writes are published
 * to JetStream and acknowledged (202) once the broker has them, before any
 * worker persisted them:
 * - PUT /items/:id → version = 1 + the message's stream sequence (stream.ts).
 * - POST /orders → the item must exist in Postgres now (a read; an item whose
 *   own PUT is still queued gets 404), then the API assigns the order id
 *   (order-ids.ts) and publishes; the broker de-duplicates on that id.
 * Read-your-writes is not guaranteed: a GET right after a 202 may show the old row.
 * `settle()` (before /admin/verify) and `reset()` (around a seed) wait, up to
 * `drainTimeoutMs`, for the workers to empty the queue.
 */
import type { Db } from '../service/db.ts';
import type { Item, ItemStore, Order, PgStore } from '../service/store.ts';
import { OrderIdGenerator } from './order-ids.ts';
import { versionOfSeq } from './stream.ts';
import type { WriteQueue } from './write-queue.ts';

export type WriteStatus = 'accepted' | 'persisted';

export class QueuedStore implements ItemStore {
  readonly #pg: PgStore;
  readonly #db: Db;
  readonly #queue: WriteQueue;
  readonly #drainTimeoutMs: number;
  readonly #orderIds = new OrderIdGenerator();

  constructor(pg: PgStore, queue: WriteQueue, drainTimeoutMs: number) {
    this.#pg = pg;
    this.#db = pg.db;
    this.#queue = queue;
    this.#drainTimeoutMs = drainTimeoutMs;
  }

  getItem(id: number): Promise<Item | undefined> {
    return this.#pg.getItem(id);
  }

  async putItem(id: number, value: string): Promise<number> {
    const ack = await this.#queue.publish({ entity: 'items', id, value, acceptedAt: Date.now() });
    return versionOfSeq(ack.seq);
  }

  async createOrder(itemId: number, qty: number): Promise<number | undefined> {
    const { rows } = await this.#db.query('item-exists', 'SELECT 1 FROM items WHERE id = $1', [itemId], {
      prepare: true,
      idempotent: true,
    });
    if (rows.length === 0) return undefined;
    const id = this.#orderIds.next();
    await this.#queue.publish({ entity: 'orders', id, itemId, qty, acceptedAt: Date.now() }, `order-${id}`);
    return id;
  }

  getOrder(id: number): Promise<Order | undefined> {
    return this.#pg.getOrder(id);
  }

  /**
   * Whether a write is in Postgres yet. Items: persisted when the stored version
   * is at least `version` (default 1: the item exists); orders: when the row exists.
   * A write this API never accepted also reads as `accepted`.
   */
  async writeStatus(entity: 'items' | 'orders', id: number, version = 1): Promise<WriteStatus> {
    if (entity === 'orders') return (await this.#pg.getOrder(id)) === undefined ? 'accepted' : 'persisted';
    const item = await this.#pg.getItem(id);
    return item !== undefined && item.version >= version ? 'persisted' : 'accepted';
  }

  async ping(timeoutMs: number): Promise<void> {
    await Promise.all([this.#pg.ping(timeoutMs), this.#queue.ping(timeoutMs)]);
  }

  async reset(): Promise<void> {
    await this.settle();
  }

  /** Waits for the workers to drain the queue; past the deadline, goes on (verify then reports what is missing). */
  async settle(): Promise<void> {
    if (!(await this.#queue.drained(this.#drainTimeoutMs))) {
      console.error(
        `[service] queue not drained within ${this.#drainTimeoutMs} ms; reading Postgres as it is`,
      );
    }
  }

  async close(): Promise<void> {
    await this.#queue.close();
    await this.#pg.close();
  }
}
