/**
 * What /admin/seed and /admin/verify need from a data path: seed the dataset
 * into the source of truth and read stored versions back from it. The single
 * database version is here; the sharded one routes every id to its shard.
 * Every architecture seeds the same logical data: items 1..n, version 1,
 * value = md5(id) hex repeated to `valueSize` bytes.
 */
import type { Db } from './db.ts';
import { schemaSql } from './db.ts';
import type { Entity } from './verify.ts';

export interface AdminTarget {
  /** Replaces every item and order with items 1..n, each where it belongs. */
  seed(items: number, valueSize: number): Promise<void>;
  /** id → stored version (orders: 1), for those of `ids` that exist. */
  stored(entity: Entity, ids: number[]): Promise<Map<number, number>>;
}

export const adminTimeoutMs = 30 * 60_000;

// Server-side generation: a value of exactly valueSize bytes from repeated md5 hex (32 chars each).
const valueExpr = 'substr(repeat(md5(g::text), $2::int), 1, $3::int)';
const seedRangeSql = `INSERT INTO items (id, value, version)
  SELECT g, ${valueExpr}, 1 FROM generate_series(1, $1::bigint) AS g`;
const seedIdsSql = `INSERT INTO items (id, value, version)
  SELECT g, ${valueExpr}, 1 FROM unnest($1::bigint[]) AS g`;

const storedSql: Record<Entity, string> = {
  items: 'SELECT id, version FROM items WHERE id = ANY($1::bigint[])',
  orders: 'SELECT id, 1 AS version FROM orders WHERE id = ANY($1::bigint[])',
};

/**
 * Seeds one database in one transaction (TRUNCATE then INSERT: Postgres can skip
 * WAL for the new rows at wal_level=minimal). `ids` absent: items 1..n; present:
 * an async source of id batches (a shard's own keys).
 */
export async function seedDb(
  db: Db,
  items: number,
  valueSize: number,
  ids?: AsyncIterable<number[]> | Iterable<number[]>,
): Promise<void> {
  const repeats = Math.ceil(valueSize / 32);
  await db.query('seed-schema', schemaSql, [], { timeoutMs: adminTimeoutMs, direct: true });
  await db.transaction(
    'seed',
    async (client) => {
      await client.query('TRUNCATE items, orders RESTART IDENTITY');
      const insert = (text: string, first: unknown) =>
        client.query({ text, values: [first, repeats, valueSize], query_timeout: adminTimeoutMs } as {
          text: string;
          values: unknown[];
        });
      if (ids === undefined) await insert(seedRangeSql, items);
      else for await (const batch of ids) if (batch.length > 0) await insert(seedIdsSql, batch);
    },
    { direct: true },
  );
  await db.query('seed-analyze', 'ANALYZE items; ANALYZE orders', [], {
    timeoutMs: adminTimeoutMs,
    direct: true,
  });
}

export async function storedVersions(db: Db, entity: Entity, ids: number[]): Promise<Map<number, number>> {
  const stored = new Map<number, number>();
  if (ids.length === 0) return stored;
  const { rows } = await db.query<{ id: string; version: number }>(
    `verify-${entity}`,
    storedSql[entity],
    [ids],
    {
      direct: true,
    },
  );
  for (const row of rows) stored.set(Number(row.id), row.version);
  return stored;
}

/** One Postgres holds everything (monolith, cached, queued; the primary when replicated). */
export function singleDbAdmin(db: Db): AdminTarget {
  return {
    seed: (items, valueSize) => seedDb(db, items, valueSize),
    stored: (entity, ids) => storedVersions(db, entity, ids),
  };
}
