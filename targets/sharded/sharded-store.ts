/**
 * The sharded data path: K Postgres databases, each holding the items whose id
 * the router assigns to it, and the orders of those items (co-located, so an
 * order's item check is one local query). Order ids carry their shard
 * (order-id.ts), so GET /orders/:id goes straight to one shard.
 * Reads and writes are counted per shard: db_reads_total{shard}, db_writes_total{shard}.
 */
import { Counter } from 'prom-client';
import type { Db } from '../service/db.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import { type Item, type ItemStore, type Order, PgStore } from '../service/store.ts';
import { orderIdStride, shardOfOrder } from './order-id.ts';
import type { ShardRouter } from './shard-router.ts';

// The shard's own sequence gives seq; the id is seq * stride + shard.
const createOrderSql = `INSERT INTO orders (id, item_id, qty)
  SELECT nextval('orders_id_seq') * ${orderIdStride} + $3, $1, $2
  WHERE EXISTS (SELECT 1 FROM items WHERE id = $1) RETURNING id`;

export class ShardedStore implements ItemStore {
  readonly router: ShardRouter;
  readonly shards: readonly Db[];
  readonly #stores: PgStore[];
  readonly #reads: Counter<'shard'>;
  readonly #writes: Counter<'shard'>;

  constructor(shards: Db[], router: ShardRouter, metrics: ServiceMetrics) {
    if (shards.length !== router.shards)
      throw new Error(`${shards.length} shard databases for a ${router.shards}-shard router`);
    this.shards = shards;
    this.router = router;
    this.#stores = shards.map((db) => new PgStore(db));
    this.#reads = new Counter({
      name: 'db_reads_total',
      help: 'Item and order reads, by shard',
      labelNames: ['shard'] as const,
      registers: [metrics.registry],
    });
    this.#writes = new Counter({
      name: 'db_writes_total',
      help: 'Item and order writes, by shard',
      labelNames: ['shard'] as const,
      registers: [metrics.registry],
    });
    // Every shard shows up in /metrics from the start, at 0.
    for (let s = 0; s < shards.length; s++) {
      this.#reads.inc({ shard: String(s) }, 0);
      this.#writes.inc({ shard: String(s) }, 0);
    }
  }

  async getItem(id: number): Promise<Item | undefined> {
    const shard = this.router.shardOf(id);
    const item = await this.#stores[shard]!.getItem(id);
    this.#reads.inc({ shard: String(shard) });
    return item;
  }

  async putItem(id: number, value: string): Promise<number> {
    const shard = this.router.shardOf(id);
    const version = await this.#stores[shard]!.putItem(id, value);
    this.#writes.inc({ shard: String(shard) });
    return version;
  }

  async createOrder(itemId: number, qty: number): Promise<number | undefined> {
    const shard = this.router.shardOf(itemId);
    const { rows } = await this.shards[shard]!.query<{ id: string }>(
      'create-order-sharded',
      createOrderSql,
      [itemId, qty, shard],
      { prepare: true },
    );
    this.#writes.inc({ shard: String(shard) });
    const row = rows[0];
    return row === undefined ? undefined : Number(row.id);
  }

  async getOrder(id: number): Promise<Order | undefined> {
    const shard = shardOfOrder(id, this.shards.length);
    if (shard === undefined) return undefined;
    const order = await this.#stores[shard]!.getOrder(id);
    this.#reads.inc({ shard: String(shard) });
    return order;
  }

  async ping(timeoutMs: number): Promise<void> {
    await Promise.all(this.#stores.map((s) => s.ping(timeoutMs)));
  }

  async reset(): Promise<void> {}

  async settle(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all(this.#stores.map((s) => s.close()));
  }
}
