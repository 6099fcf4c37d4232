/**
 * A region's service over the partitions (layout.ts): every read from the
 * region's own copy of the key's partition (its primary at home, a streaming
 * replica elsewhere — so a read after a write made in another region may be
 * stale by the replication lag), every write to the partition's primary,
 * wherever its home is. Orders live with their item and carry its partition
 * in their id. Counted per region and home: region_reads_total,
 * region_writes_total (remote = the home is another region).
 */
import { Counter } from 'prom-client';
import type { Db } from '../service/db.ts';
import type { ServiceMetrics } from '../service/metrics.ts';
import { type Item, type ItemStore, type Order, PgStore } from '../service/store.ts';
import { orderIdStride, partitionOf, partitionOfOrder } from './layout.ts';

const createOrderSql = `INSERT INTO orders (id, item_id, qty)
  SELECT nextval('orders_id_seq') * ${orderIdStride} + $3, $1, $2
  WHERE EXISTS (SELECT 1 FROM items WHERE id = $1) RETURNING id`;

export interface RegionStoreOptions {
  region: string;
  /** Home region of each partition. */
  homes: readonly string[];
  primaries: readonly Db[];
  /** This region's copy of each partition (the primary itself at home). */
  copies: readonly Db[];
  homeBlock: number;
  metrics: ServiceMetrics;
}

export class RegionStore implements ItemStore {
  readonly #o: RegionStoreOptions;
  readonly #primaries: PgStore[];
  readonly #copies: PgStore[];
  readonly #reads: Counter<'region' | 'home'>;
  readonly #writes: Counter<'region' | 'home' | 'remote'>;

  constructor(o: RegionStoreOptions) {
    this.#o = o;
    this.#primaries = o.primaries.map((db) => new PgStore(db));
    this.#copies = o.copies.map((db, p) => (db === o.primaries[p] ? this.#primaries[p]! : new PgStore(db)));
    this.#reads = new Counter({
      name: 'region_reads_total',
      help: 'Item and order reads, all from this region’s own copy, by the partition’s home region',
      labelNames: ['region', 'home'] as const,
      registers: [o.metrics.registry],
    });
    this.#writes = new Counter({
      name: 'region_writes_total',
      help: 'Item and order writes, by the home region whose primary took them; remote = another region',
      labelNames: ['region', 'home', 'remote'] as const,
      registers: [o.metrics.registry],
    });
    for (const home of o.homes) {
      this.#reads.inc({ region: o.region, home }, 0);
      this.#writes.inc({ region: o.region, home, remote: String(home !== o.region) }, 0);
    }
  }

  #partition(id: number): number {
    return partitionOf(id, this.#o.homes.length, this.#o.homeBlock);
  }

  #read(p: number): void {
    this.#reads.inc({ region: this.#o.region, home: this.#o.homes[p]! });
  }

  #wrote(p: number): void {
    const home = this.#o.homes[p]!;
    this.#writes.inc({ region: this.#o.region, home, remote: String(home !== this.#o.region) });
  }

  async getItem(id: number): Promise<Item | undefined> {
    const p = this.#partition(id);
    const item = await this.#copies[p]!.getItem(id);
    this.#read(p);
    return item;
  }

  async putItem(id: number, value: string): Promise<number> {
    const p = this.#partition(id);
    const version = await this.#primaries[p]!.putItem(id, value);
    this.#wrote(p);
    return version;
  }

  async createOrder(itemId: number, qty: number): Promise<number | undefined> {
    const p = this.#partition(itemId);
    const { rows } = await this.#o.primaries[p]!.query<{ id: string }>(
      'create-order-region',
      createOrderSql,
      [itemId, qty, p],
      { prepare: true },
    );
    this.#wrote(p);
    const row = rows[0];
    return row === undefined ? undefined : Number(row.id);
  }

  async getOrder(id: number): Promise<Order | undefined> {
    const p = partitionOfOrder(id, this.#o.homes.length);
    if (p === undefined) return undefined;
    const order = await this.#copies[p]!.getOrder(id);
    this.#read(p);
    return order;
  }

  /** Healthy while the region's own copies answer: a region cut off from the others still serves its reads. */
  async ping(timeoutMs: number): Promise<void> {
    await Promise.all(this.#copies.map((c) => c.ping(timeoutMs)));
  }

  async reset(): Promise<void> {}

  async settle(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([...new Set([...this.#primaries, ...this.#copies])].map((s) => s.close()));
  }
}
