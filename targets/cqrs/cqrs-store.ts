/**
 * The cqrs API behind the shared routes. Commands go to the write model
 * (write-model.ts), which stores the write and its domain event together; the
 * answer comes after that commit, and the event is published right after it
 * (outbox-relay.ts). Queries read the read model (read-model.ts), which the
 * projectors keep — no read-your-writes: a GET right after a PUT may show the
 * old version, or 404 for a new item or order. Each read is classified fresh,
 * behind or stale against the writes this API acknowledged (ack-tracker.ts).
 * `settle()` waits, up to `drainTimeoutMs`, until every event is published and
 * projected, so the integrity check reads converged models.
 */
import type { Broker } from '../service/broker.ts';
import type { Item, ItemStore, Order } from '../service/store.ts';
import type { AckTracker, ReadFreshness } from './ack-tracker.ts';
import type { ReadCounter } from './cqrs-metrics.ts';
import { projectorsConsumer } from './events.ts';
import type { OutboxRelay } from './outbox-relay.ts';
import type { ItemView, ReadModel } from './read-model.ts';
import type { WriteModel } from './write-model.ts';

export interface CqrsParts {
  write: WriteModel;
  read: ReadModel;
  relay: OutboxRelay;
  broker: Broker;
  tracker: AckTracker;
  reads: ReadCounter;
  drainTimeoutMs: number;
}

export class CqrsStore implements ItemStore {
  readonly #p: CqrsParts;

  constructor(parts: CqrsParts) {
    this.#p = parts;
  }

  async getItem(id: number): Promise<(Item & Omit<ItemView, 'id'>) | undefined> {
    const startedAt = Date.now();
    const view = await this.#p.read.getItem(id);
    this.#count('items', this.#p.tracker.itemRead(id, view?.version ?? 0, startedAt));
    return view;
  }

  async putItem(id: number, value: string): Promise<number> {
    const { version, event } = await this.#p.write.putItem(id, value);
    this.#p.tracker.itemAcked(id, version, Date.now());
    this.#p.relay.publishSoon(event);
    return version;
  }

  async createOrder(itemId: number, qty: number): Promise<number | undefined> {
    const created = await this.#p.write.createOrder(itemId, qty);
    if (created === undefined) return undefined;
    this.#p.tracker.orderAcked(created.id, Date.now());
    this.#p.relay.publishSoon(created.event);
    return created.id;
  }

  async getOrder(id: number): Promise<Order | undefined> {
    const startedAt = Date.now();
    const order = await this.#p.read.getOrder(id);
    this.#count('orders', this.#p.tracker.orderRead(id, order !== undefined, startedAt));
    return order;
  }

  async ping(timeoutMs: number): Promise<void> {
    await Promise.all([
      this.#p.write.db.ping(timeoutMs),
      this.#p.read.db.ping(timeoutMs),
      this.#p.broker.ping(timeoutMs),
    ]);
  }

  /** Around a seed: nothing of the old data may still be on its way to the read model. */
  async reset(): Promise<void> {
    await this.settle();
    this.#p.tracker.forget();
  }

  /** Publishes the outbox and waits for the projectors to drain the stream (at most drainTimeoutMs). */
  async settle(): Promise<void> {
    const deadline = Date.now() + this.#p.drainTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#p.relay.drain(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#p.drainTimeoutMs);
      }),
    ])
      .catch((err: Error) => console.error(`[service] outbox not drained: ${err.message}`))
      .finally(() => clearTimeout(timer));
    const drained = await this.#p.broker.drained(projectorsConsumer, Math.max(0, deadline - Date.now()));
    if (!drained)
      console.error(
        `[service] events not projected within ${this.#p.drainTimeoutMs} ms; reading the models as they are`,
      );
  }

  async close(): Promise<void> {
    await this.#p.relay.stop();
    await this.#p.broker.close();
    await Promise.all([this.#p.write.db.close(), this.#p.read.db.close()]);
  }

  #count(entity: 'items' | 'orders', freshness: ReadFreshness): void {
    this.#p.reads.inc({ entity, freshness });
  }
}
