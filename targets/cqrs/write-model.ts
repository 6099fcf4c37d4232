/**
 * The cqrs write model: the same `items` and `orders` tables as the monolith,
 * plus a transactional outbox. A command changes its table and records its
 * domain event in `cqrs_outbox` in the same statement, so an acknowledged write
 * always has its event — even when the broker was unreachable at that moment:
 * the outbox relay (outbox-relay.ts) publishes whatever is still there.
 */
import type { Db } from '../service/db.ts';
import type { DomainEvent } from './events.ts';

export const outboxSql = `
CREATE TABLE IF NOT EXISTS cqrs_outbox (
  seq bigserial PRIMARY KEY,
  event jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);`;

const sql = {
  putItem: `WITH w AS (
      INSERT INTO items (id, value, version) VALUES ($1, $2, 1)
      ON CONFLICT (id) DO UPDATE SET value = excluded.value, version = items.version + 1, updated_at = now()
      RETURNING version),
    o AS (
      INSERT INTO cqrs_outbox (event)
      SELECT jsonb_build_object('entity', 'items', 'id', $1::bigint, 'version', version, 'value', $2::text) FROM w
      RETURNING seq, at)
    SELECT w.version, o.seq, (extract(epoch FROM o.at) * 1000)::float8 AS at FROM w, o`,
  createOrder: `WITH w AS (
      INSERT INTO orders (item_id, qty) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM items WHERE id = $1)
      RETURNING id),
    o AS (
      INSERT INTO cqrs_outbox (event)
      SELECT jsonb_build_object('entity', 'orders', 'id', id, 'itemId', $1::bigint, 'qty', $2::int) FROM w
      RETURNING seq, at)
    SELECT w.id, o.seq, (extract(epoch FROM o.at) * 1000)::float8 AS at FROM w, o`,
  pending: `SELECT seq, event, (extract(epoch FROM at) * 1000)::float8 AS at FROM cqrs_outbox
    WHERE at < clock_timestamp() - make_interval(secs => $1::float8 / 1000) ORDER BY seq LIMIT $2`,
  published: 'DELETE FROM cqrs_outbox WHERE seq = ANY($1::bigint[])',
  backlog: 'SELECT count(*) AS n FROM cqrs_outbox',
};

interface WriteRow {
  seq: string;
  at: number;
}

export class WriteModel {
  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Upserts the item and records its event; the new version and the event. */
  async putItem(id: number, value: string): Promise<{ version: number; event: DomainEvent }> {
    const { rows } = await this.db.query<WriteRow & { version: number }>(
      'cqrs-put-item',
      sql.putItem,
      [id, value],
      {
        prepare: true,
      },
    );
    const r = rows[0]!;
    return {
      version: r.version,
      event: { seq: Number(r.seq), entity: 'items', id, version: r.version, value, at: Math.round(r.at) },
    };
  }

  /** Creates the order if the item exists and records its event; undefined when it does not. */
  async createOrder(itemId: number, qty: number): Promise<{ id: number; event: DomainEvent } | undefined> {
    const { rows } = await this.db.query<WriteRow & { id: string }>(
      'cqrs-create-order',
      sql.createOrder,
      [itemId, qty],
      { prepare: true },
    );
    const r = rows[0];
    if (r === undefined) return undefined;
    const id = Number(r.id);
    return { id, event: { seq: Number(r.seq), entity: 'orders', id, itemId, qty, at: Math.round(r.at) } };
  }

  /** Events recorded at least `olderThanMs` ago and not yet published, oldest first. */
  async pending(olderThanMs: number, limit: number): Promise<DomainEvent[]> {
    const { rows } = await this.db.query<{ seq: string; event: Omit<DomainEvent, 'seq' | 'at'>; at: number }>(
      'cqrs-outbox-pending',
      sql.pending,
      [olderThanMs, limit],
      { prepare: true, idempotent: true },
    );
    return rows.map((r) => ({ ...r.event, seq: Number(r.seq), at: Math.round(r.at) }) as DomainEvent);
  }

  /** Forgets events the broker has stored. */
  async published(seqs: number[]): Promise<void> {
    if (seqs.length > 0)
      await this.db.query('cqrs-outbox-published', sql.published, [seqs], {
        prepare: true,
        idempotent: true,
      });
  }

  /** Events not yet published. */
  async backlog(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('cqrs-outbox-backlog', sql.backlog, [], {
      direct: true,
    });
    return Number(rows[0]?.n ?? 0);
  }
}
