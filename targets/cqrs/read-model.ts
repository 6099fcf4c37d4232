/**
 * The cqrs read model: a second Postgres holding denormalised views that the
 * queries read — `item_view` (the item with its order count and ordered
 * quantity) and `order_view`. Only projectors write it, idempotently:
 * - an item event lands only if it is newer than the view's version, so
 *   redeliveries and events projected out of order (several projectors) never
 *   move an item backwards;
 * - an order lands once (ON CONFLICT DO NOTHING) and only a newly landed order
 *   counts into its item — an order that arrives before its item's first event
 *   makes a placeholder row (version 0, read as absent) that the item fills.
 * Rows are written in id order, so concurrent batches cannot deadlock.
 */
import type { Db } from '../service/db.ts';
import type { DomainEvent } from './events.ts';

export const readModelSql = `
CREATE TABLE IF NOT EXISTS item_view (
  id bigint PRIMARY KEY,
  value text NOT NULL,
  version int NOT NULL,
  order_count int NOT NULL DEFAULT 0,
  ordered_qty bigint NOT NULL DEFAULT 0,
  event_at timestamptz,
  projected_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS order_view (
  id bigint PRIMARY KEY,
  item_id bigint NOT NULL,
  qty int NOT NULL,
  created_at timestamptz NOT NULL,
  projected_at timestamptz NOT NULL DEFAULT clock_timestamp()
);`;

const sql = {
  getItem: 'SELECT id, value, version, order_count, ordered_qty FROM item_view WHERE id = $1 AND version > 0',
  getOrder: 'SELECT id, item_id, qty, created_at FROM order_view WHERE id = $1',
  applyItems: `INSERT INTO item_view (id, value, version, event_at)
    SELECT id, value, version, to_timestamp(at / 1000.0)
    FROM unnest($1::bigint[], $2::text[], $3::int[], $4::float8[]) AS t(id, value, version, at)
    ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = excluded.version,
      event_at = excluded.event_at, projected_at = clock_timestamp()
    WHERE item_view.version < excluded.version`,
  applyOrders: `WITH landed AS (
      INSERT INTO order_view (id, item_id, qty, created_at)
      SELECT id, item_id, qty, to_timestamp(at / 1000.0)
      FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::float8[]) AS t(id, item_id, qty, at)
      ON CONFLICT (id) DO NOTHING
      RETURNING item_id, qty)
    INSERT INTO item_view (id, value, version, order_count, ordered_qty)
    SELECT item_id, '', 0, count(*), sum(qty) FROM landed GROUP BY item_id ORDER BY item_id
    ON CONFLICT (id) DO UPDATE SET order_count = item_view.order_count + excluded.order_count,
      ordered_qty = item_view.ordered_qty + excluded.ordered_qty`,
};

export interface ItemView {
  id: number;
  value: string;
  version: number;
  orderCount: number;
  orderedQty: number;
}

export interface OrderView {
  id: number;
  itemId: number;
  qty: number;
  createdAt: string;
}

export class ReadModel {
  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async getItem(id: number): Promise<ItemView | undefined> {
    const { rows } = await this.db.query<{
      id: string;
      value: string;
      version: number;
      order_count: number;
      ordered_qty: string;
    }>('view-get-item', sql.getItem, [id], { prepare: true, idempotent: true });
    const r = rows[0];
    return r === undefined
      ? undefined
      : {
          id: Number(r.id),
          value: r.value,
          version: r.version,
          orderCount: r.order_count,
          orderedQty: Number(r.ordered_qty),
        };
  }

  async getOrder(id: number): Promise<OrderView | undefined> {
    const { rows } = await this.db.query<{ id: string; item_id: string; qty: number; created_at: Date }>(
      'view-get-order',
      sql.getOrder,
      [id],
      { prepare: true, idempotent: true },
    );
    const r = rows[0];
    return r === undefined
      ? undefined
      : { id: Number(r.id), itemId: Number(r.item_id), qty: r.qty, createdAt: r.created_at.toISOString() };
  }

  /** Projects a batch of events in one transaction (idempotent: safe to repeat). */
  async apply(events: DomainEvent[]): Promise<void> {
    const items = newestPerItem(events);
    const orders = [
      ...new Map(events.flatMap((e) => (e.entity === 'orders' ? [[e.id, e] as const] : []))).values(),
    ].sort((a, b) => a.id - b.id);
    await this.db.transaction(
      'project',
      async (client) => {
        if (items.length > 0)
          await client.query(sql.applyItems, [
            items.map((i) => i.id),
            items.map((i) => i.value),
            items.map((i) => i.version),
            items.map((i) => i.at),
          ]);
        if (orders.length > 0)
          await client.query(sql.applyOrders, [
            orders.map((o) => o.id),
            orders.map((o) => o.itemId),
            orders.map((o) => o.qty),
            orders.map((o) => o.at),
          ]);
      },
      { idempotent: true },
    );
  }
}

type ItemEvent = Extract<DomainEvent, { entity: 'items' }>;

/** The newest event per item (one statement may not update a row twice), in id order. */
export function newestPerItem(events: readonly DomainEvent[]): ItemEvent[] {
  const newest = new Map<number, ItemEvent>();
  for (const e of events) {
    if (e.entity !== 'items') continue;
    const seen = newest.get(e.id);
    if (seen === undefined || seen.version < e.version) newest.set(e.id, e);
  }
  return [...newest.values()].sort((a, b) => a.id - b.id);
}
