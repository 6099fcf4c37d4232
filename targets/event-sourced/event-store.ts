/**
 * The event store on Postgres: an append-only `es_events` log (a global `seq`
 * and, per stream, versions 1, 2, 3…), the head version of each stream in
 * `es_streams`, and the latest snapshot of a stream in `es_snapshots`.
 *
 * Appending bumps the stream's head (`INSERT … ON CONFLICT DO UPDATE`, which
 * row-locks it) and inserts the event in the same statement: appends to one
 * stream are serialized, get consecutive versions, and take their `seq` in
 * that order. Nothing ever updates or deletes an event.
 */
import type { Db } from '../service/db.ts';
import type { StoredEvent } from './item-aggregate.ts';

export type StreamType = 'item' | 'order';

export const eventStoreSql = `
CREATE TABLE IF NOT EXISTS es_streams (
  type text NOT NULL,
  id bigint NOT NULL,
  version int NOT NULL,
  PRIMARY KEY (type, id)
);
CREATE TABLE IF NOT EXISTS es_events (
  seq bigserial PRIMARY KEY,
  stream_type text NOT NULL,
  stream_id bigint NOT NULL,
  version int NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (stream_type, stream_id, version)
);
CREATE TABLE IF NOT EXISTS es_snapshots (
  stream_type text NOT NULL,
  stream_id bigint NOT NULL,
  version int NOT NULL,
  state jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (stream_type, stream_id)
);
CREATE SEQUENCE IF NOT EXISTS es_order_ids;`;

const sql = {
  appendItem: `WITH head AS (
      INSERT INTO es_streams (type, id, version) VALUES ('item', $1, 1)
      ON CONFLICT (type, id) DO UPDATE SET version = es_streams.version + 1
      RETURNING version)
    INSERT INTO es_events (stream_type, stream_id, version, type, data)
    SELECT 'item', $1, version, 'ItemSet', jsonb_build_object('value', $2::text) FROM head
    RETURNING version`,
  placeOrder: `WITH item AS (SELECT 1 FROM es_streams WHERE type = 'item' AND id = $1),
    head AS (
      INSERT INTO es_streams (type, id, version)
      SELECT 'order', nextval('es_order_ids'), 1 FROM item
      RETURNING id)
    INSERT INTO es_events (stream_type, stream_id, version, type, data)
    SELECT 'order', id, 1, 'OrderPlaced', jsonb_build_object('itemId', $1::bigint, 'qty', $2::int) FROM head
    RETURNING stream_id AS id`,
  // One statement: the snapshot and the events after it, from one consistent view.
  loadFromSnapshot: `WITH s AS (
      SELECT version, state FROM es_snapshots WHERE stream_type = $1 AND stream_id = $2)
    SELECT true AS snapshot, version, state AS data, NULL::timestamptz AS at FROM s
    UNION ALL
    SELECT false, version, data, at FROM es_events
    WHERE stream_type = $1 AND stream_id = $2 AND version > coalesce((SELECT version FROM s), 0)
    ORDER BY snapshot DESC, version`,
  loadAll: `SELECT false AS snapshot, version, data, at FROM es_events
    WHERE stream_type = $1 AND stream_id = $2 ORDER BY version`,
  loadUpTo: `SELECT version, data FROM es_events
    WHERE stream_type = $1 AND stream_id = $2 AND version > $3 AND version <= $4 ORDER BY version`,
  saveSnapshot: `INSERT INTO es_snapshots (stream_type, stream_id, version, state) VALUES ($1, $2, $3, $4)
    ON CONFLICT (stream_type, stream_id) DO UPDATE SET version = excluded.version, state = excluded.state, at = excluded.at
    WHERE es_snapshots.version < excluded.version`,
};

export interface LoadedStream {
  /** The snapshot it starts from, if one was read. */
  snapshot: { version: number; state: unknown } | undefined;
  /** Events after the snapshot (all of them without one), in version order. */
  events: (StoredEvent & { at: Date })[];
}

interface Row {
  snapshot: boolean;
  version: number;
  data: unknown;
  at: Date | null;
}

export class EventStore {
  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Appends `ItemSet` to item `id` (creating the stream at version 1); returns its version. */
  async appendItem(id: number, value: string): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>('es-append-item', sql.appendItem, [id, value], {
      prepare: true,
    });
    return rows[0]!.version;
  }

  /** Starts a new order stream with `OrderPlaced`; undefined when the item has no stream. */
  async placeOrder(itemId: number, qty: number): Promise<number | undefined> {
    const { rows } = await this.db.query<{ id: string }>('es-place-order', sql.placeOrder, [itemId, qty], {
      prepare: true,
    });
    return rows[0] === undefined ? undefined : Number(rows[0].id);
  }

  /** The stream from its latest snapshot (`useSnapshot`) or from its first event. */
  async load(type: StreamType, id: number, useSnapshot: boolean): Promise<LoadedStream> {
    const { rows } = await this.db.query<Row>(
      useSnapshot ? 'es-load-snapshot' : 'es-load-all',
      useSnapshot ? sql.loadFromSnapshot : sql.loadAll,
      [type, id],
      { prepare: true, idempotent: true },
    );
    const first = rows[0];
    const snapshot = first?.snapshot === true ? { version: first.version, state: first.data } : undefined;
    const events = (snapshot === undefined ? rows : rows.slice(1)).map((r) => ({
      version: r.version,
      data: r.data,
      at: r.at ?? new Date(0),
    }));
    return { snapshot, events };
  }

  /** Events with `after < version ≤ upTo`, in version order (a snapshot's replay). */
  async eventsBetween(type: StreamType, id: number, after: number, upTo: number): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<StoredEvent>(
      'es-load-range',
      sql.loadUpTo,
      [type, id, after, upTo],
      {
        prepare: true,
        idempotent: true,
      },
    );
    return rows;
  }

  /** Stores a snapshot unless a newer one is already there; true when it was written. */
  async saveSnapshot(type: StreamType, id: number, version: number, state: unknown): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'es-save-snapshot',
      sql.saveSnapshot,
      [type, id, version, JSON.stringify(state)],
      { prepare: true, idempotent: true },
    );
    return (rowCount ?? 0) > 0;
  }
}
