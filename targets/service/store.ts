/**
 * The data path seam. `ItemStore` is what the routes use; `PgStore` is the
 * direct Postgres path (monolith), and cache.ts wraps it for cached modes.
 * Postgres stays the source of truth: seeding and verification always use it.
 */
import type { Db } from './db.ts';

export interface Item {
  id: number;
  value: string;
  version: number;
}

export interface Order {
  id: number;
  itemId: number;
  qty: number;
  createdAt: string;
}

export interface ItemStore {
  getItem(id: number): Promise<Item | undefined>;
  /** Upserts and returns the new version (1 for a new item). */
  putItem(id: number, value: string): Promise<number>;
  /** Returns the new order id, or undefined when the item does not exist. */
  createOrder(itemId: number, qty: number): Promise<number | undefined>;
  getOrder(id: number): Promise<Order | undefined>;
  /** Health: resolves only when every dependency answers. */
  ping(timeoutMs: number): Promise<void>;
  /** Forget cached state (after a seed). */
  reset(): Promise<void>;
  /** Push pending writes to Postgres (write-behind) before it is read as the source of truth. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const sql = {
  getItem: 'SELECT id, value, version FROM items WHERE id = $1',
  putItem: `INSERT INTO items (id, value, version) VALUES ($1, $2, 1)
    ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = items.version + 1, updated_at = now()
    RETURNING version`,
  // Writes that carry their own version (write-behind flushes): never move a version backwards.
  applyItems: `INSERT INTO items (id, value, version)
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[])
    ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = now()
    WHERE items.version < excluded.version`,
  createOrder: `INSERT INTO orders (item_id, qty)
    SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM items WHERE id = $1) RETURNING id`,
  createOrderUnchecked: 'INSERT INTO orders (item_id, qty) VALUES ($1, $2) RETURNING id',
  getOrder: 'SELECT id, item_id, qty, created_at FROM orders WHERE id = $1',
};

interface ItemRow {
  id: string;
  value: string;
  version: number;
}

interface OrderRow {
  id: string;
  item_id: string;
  qty: number;
  created_at: Date;
}

export class PgStore implements ItemStore {
  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async getItem(id: number): Promise<Item | undefined> {
    const { rows } = await this.db.query<ItemRow>('get-item', sql.getItem, [id], {
      prepare: true,
      idempotent: true,
    });
    const row = rows[0];
    return row === undefined ? undefined : { id: Number(row.id), value: row.value, version: row.version };
  }

  async putItem(id: number, value: string): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>('put-item', sql.putItem, [id, value], {
      prepare: true,
    });
    return rows[0]!.version;
  }

  /** Writes items with the versions they carry, skipping any that Postgres already has newer. */
  async applyItems(items: Item[]): Promise<void> {
    if (items.length === 0) return;
    // Versioned, only-if-newer: idempotent, so it may be retried.
    await this.db.query(
      'apply-items',
      sql.applyItems,
      [items.map((i) => i.id), items.map((i) => i.value), items.map((i) => i.version)],
      { idempotent: true },
    );
  }

  async createOrder(itemId: number, qty: number, itemKnownToExist = false): Promise<number | undefined> {
    const { rows } = itemKnownToExist
      ? await this.db.query<{ id: string }>(
          'create-order-unchecked',
          sql.createOrderUnchecked,
          [itemId, qty],
          {
            prepare: true,
          },
        )
      : await this.db.query<{ id: string }>('create-order', sql.createOrder, [itemId, qty], {
          prepare: true,
        });
    const row = rows[0];
    return row === undefined ? undefined : Number(row.id);
  }

  async getOrder(id: number): Promise<Order | undefined> {
    const { rows } = await this.db.query<OrderRow>('get-order', sql.getOrder, [id], {
      prepare: true,
      idempotent: true,
    });
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          id: Number(row.id),
          itemId: Number(row.item_id),
          qty: row.qty,
          createdAt: row.created_at.toISOString(),
        };
  }

  async ping(timeoutMs: number): Promise<void> {
    await this.db.ping(timeoutMs);
  }

  async reset(): Promise<void> {}

  async settle(): Promise<void> {}

  close(): Promise<void> {
    return this.db.close();
  }
}
