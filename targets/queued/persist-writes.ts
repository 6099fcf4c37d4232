/**
 * How a worker persists a batch of writes, idempotently, in one transaction:
 * - items: upsert carrying the message's version; a row already at that
 *   version or newer is left alone, so redeliveries and out-of-order batches
 *   never move an item backwards.
 * - orders: insert with the id the API assigned; a redelivered order already
 *   there is skipped (ON CONFLICT DO NOTHING), never duplicated.
 * Rows are written in id order, so concurrent batches never deadlock.
 */
import type { Db } from '../service/db.ts';
import type { WriteMessage } from './stream.ts';

export interface ItemWrite {
  id: number;
  value: string;
  version: number;
}

export type OrderWrite = Extract<WriteMessage, { entity: 'orders' }>;

const upsertItemsSql = `INSERT INTO items (id, value, version)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[])
  ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = now()
  WHERE items.version < excluded.version`;

const insertOrdersSql = `INSERT INTO orders (id, item_id, qty, created_at)
  SELECT id, item_id, qty, to_timestamp(at / 1000.0)
  FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::float8[]) AS t(id, item_id, qty, at)
  ON CONFLICT (id) DO NOTHING`;

/**
 * Keeps the highest version per item (one statement may not update a row
 * twice), sorted by id: concurrent batches then lock rows in the same order
 * and cannot deadlock (each deadlock would cost deadlock_timeout, 1 s).
 */
export function newestPerItem(writes: ItemWrite[]): ItemWrite[] {
  const newest = new Map<number, ItemWrite>();
  for (const w of writes) {
    const seen = newest.get(w.id);
    if (seen === undefined || seen.version < w.version) newest.set(w.id, w);
  }
  return [...newest.values()].sort((a, b) => a.id - b.id);
}

export async function persistWrites(db: Db, items: ItemWrite[], orders: OrderWrite[]): Promise<void> {
  const latest = newestPerItem(items);
  const uniqueOrders = [...new Map(orders.map((o) => [o.id, o])).values()].sort((a, b) => a.id - b.id);
  await db.transaction(
    'persist-writes',
    async (client) => {
      if (latest.length > 0) {
        await client.query(upsertItemsSql, [
          latest.map((i) => i.id),
          latest.map((i) => i.value),
          latest.map((i) => i.version),
        ]);
      }
      if (uniqueOrders.length > 0) {
        await client.query(insertOrdersSql, [
          uniqueOrders.map((o) => o.id),
          uniqueOrders.map((o) => o.itemId),
          uniqueOrders.map((o) => o.qty),
          uniqueOrders.map((o) => o.acceptedAt),
        ]);
      }
    },
    { idempotent: true },
  ); // upsert-if-newer and ON CONFLICT DO NOTHING: safe to repeat
}
