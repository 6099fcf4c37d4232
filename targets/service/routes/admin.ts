/**
 * Dataset and integrity endpoints. Both work on Postgres, the source of truth,
 * never on the cache.
 */
import type { Db } from '../db.ts';
import { schemaSql } from '../db.ts';
import { HttpError } from '../errors.ts';
import type { Router } from '../http.ts';
import { isObject, json, readJson } from '../http.ts';
import type { ItemStore } from '../store.ts';
import type { Entity, VerifyResult } from '../verify.ts';
import { chunk, classify, entities, parseWrites } from '../verify.ts';

const maxItems = 50_000_000;
const maxValueSize = 1_000_000;
const adminTimeoutMs = 30 * 60_000;
const verifyBatch = 5_000;

// Server-side generation: one INSERT … SELECT over generate_series, a value of exactly
// valueSize bytes built from repeated md5 hex (32 chars each).
const seedSql = `INSERT INTO items (id, value, version)
  SELECT g, substr(repeat(md5(g::text), $2::int), 1, $3::int), 1 FROM generate_series(1, $1::bigint) AS g`;

const storedSql: Record<Entity, string> = {
  items: 'SELECT id, version FROM items WHERE id = ANY($1::bigint[])',
  orders: 'SELECT id, 1 AS version FROM orders WHERE id = ANY($1::bigint[])',
};

export function adminRoutes(router: Router, db: Db, store: ItemStore): void {
  router.add('POST', '/admin/seed', async (req) => {
    const body = await readJson(req.raw);
    const items = isObject(body) ? body.items : undefined;
    const valueSize = isObject(body) ? (body.valueSize ?? 100) : undefined;
    if (typeof items !== 'number' || !Number.isInteger(items) || items < 0 || items > maxItems) {
      throw new HttpError(400, `items must be an integer in [0, ${maxItems}]`);
    }
    if (
      typeof valueSize !== 'number' ||
      !Number.isInteger(valueSize) ||
      valueSize < 1 ||
      valueSize > maxValueSize
    ) {
      throw new HttpError(400, `valueSize must be an integer in [1, ${maxValueSize}]`);
    }
    const start = performance.now();
    await store.reset();
    await db.query('seed-schema', schemaSql, [], { timeoutMs: adminTimeoutMs });
    // TRUNCATE and INSERT in one transaction: Postgres can skip WAL for the new rows (wal_level=minimal).
    await db.transaction('seed', async (client) => {
      await client.query('TRUNCATE items, orders RESTART IDENTITY');
      await client.query({
        text: seedSql,
        values: [items, Math.ceil(valueSize / 32), valueSize],
        query_timeout: adminTimeoutMs,
      } as { text: string; values: unknown[] });
    });
    await db.query('seed-analyze', 'ANALYZE items; ANALYZE orders', [], { timeoutMs: adminTimeoutMs });
    await store.reset();
    return json(200, { items, ms: Math.round(performance.now() - start) });
  });

  router.add('POST', '/admin/verify', async (req) => {
    const acked = parseWrites(await readJson(req.raw, 256 << 20));
    await store.settle();
    const total: VerifyResult = { checked: 0, lost: [], stale: [] };
    for (const entity of entities) {
      const ids = [...acked[entity].keys()];
      const stored = new Map<number, number>();
      for (const batch of chunk(ids, verifyBatch)) {
        const { rows } = await db.query<{ id: string; version: number }>(
          `verify-${entity}`,
          storedSql[entity],
          [batch],
        );
        for (const row of rows) stored.set(Number(row.id), row.version);
      }
      const result = classify(entity, acked[entity], stored);
      total.checked += result.checked;
      total.lost.push(...result.lost);
      total.stale.push(...result.stale);
    }
    return json(200, total);
  });
}
