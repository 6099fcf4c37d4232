/**
 * Seeding, read-back and the audit of the cqrs path, over both models.
 * - seed: the write model as every architecture seeds it; the read model
 *   with the same items at version 1 (no orders), as if projected.
 * - stored: an acknowledged write counts as stored only when both models have
 *   it: the lower of the two versions (missing in either → lost).
 * - audit (after settling): the read model equals the write model — every
 *   item at the same version with the same value, every order there, each
 *   item's order count right — or what differs.
 */
import type { IntegrityCheck } from '../plug/verify.ts';
import { type AdminTarget, adminTimeoutMs, seedDb, storedVersions } from '../service/admin-target.ts';
import type { Db } from '../service/db.ts';
import type { Entity } from '../service/verify.ts';
import { readModelSql } from './read-model.ts';
import { outboxSql } from './write-model.ts';

const valueExpr = 'substr(repeat(md5(g::text), $2::int), 1, $3::int)';
const examplesMax = 5;

export function cqrsAdmin(write: Db, read: Db): AdminTarget {
  return {
    async seed(items, valueSize) {
      const opts = { timeoutMs: adminTimeoutMs, direct: true };
      await write.query('cqrs-seed-outbox', `${outboxSql} TRUNCATE cqrs_outbox RESTART IDENTITY`, [], opts);
      await Promise.all([
        seedDb(write, items, valueSize),
        (async () => {
          await read.query('view-seed-schema', readModelSql, [], opts);
          await read.transaction(
            'view-seed',
            async (client) => {
              await client.query('TRUNCATE item_view, order_view');
              await client.query({
                text: `INSERT INTO item_view (id, value, version) SELECT g, ${valueExpr}, 1 FROM generate_series(1, $1::bigint) AS g`,
                values: [items, Math.ceil(valueSize / 32), valueSize],
                query_timeout: adminTimeoutMs,
              } as { text: string; values: unknown[] });
            },
            { direct: true },
          );
          await read.query('view-seed-analyze', 'ANALYZE item_view; ANALYZE order_view', [], opts);
        })(),
      ]);
    },

    async stored(entity: Entity, ids: number[]) {
      const [w, r] = await Promise.all([storedVersions(write, entity, ids), viewVersions(read, entity, ids)]);
      const both = new Map<number, number>();
      for (const [id, version] of w) {
        const projected = r.get(id);
        if (projected !== undefined) both.set(id, Math.min(version, projected));
      }
      return both;
    },
  };
}

async function viewVersions(read: Db, entity: Entity, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (ids.length === 0) return out;
  const { rows } = await read.query<{ id: string; version: number }>(
    `view-verify-${entity}`,
    entity === 'items'
      ? 'SELECT id, version FROM item_view WHERE id = ANY($1::bigint[]) AND version > 0'
      : 'SELECT id, 1 AS version FROM order_view WHERE id = ANY($1::bigint[])',
    [ids],
    { direct: true, timeoutMs: adminTimeoutMs },
  );
  for (const r of rows) out.set(Number(r.id), r.version);
  return out;
}

interface ItemRow {
  id: string;
  version: number;
  value: string;
  orders: string;
}

/** The read model against the write model, item by item (value, version, order count) and order by order. */
export async function auditReadModel(write: Db, read: Db): Promise<IntegrityCheck> {
  const opts = { direct: true, timeoutMs: adminTimeoutMs };
  const [w, r, wo, ro] = await Promise.all([
    write.query<ItemRow>(
      'cqrs-audit-items',
      `SELECT i.id, i.version, md5(i.value) AS value, count(o.id) AS orders
        FROM items i LEFT JOIN orders o ON o.item_id = i.id GROUP BY i.id ORDER BY i.id`,
      [],
      opts,
    ),
    read.query<ItemRow>(
      'view-audit-items',
      'SELECT id, version, md5(value) AS value, order_count AS orders FROM item_view WHERE version > 0 ORDER BY id',
      [],
      opts,
    ),
    write.query<{ n: string }>('cqrs-audit-orders', 'SELECT count(*) AS n FROM orders', [], opts),
    read.query<{ n: string }>('view-audit-orders', 'SELECT count(*) AS n FROM order_view', [], opts),
  ]);
  const view = new Map(r.rows.map((row) => [row.id, row]));
  const examples: string[] = [];
  let failed = 0;
  const fail = (text: string) => {
    failed++;
    if (examples.length < examplesMax) examples.push(text);
  };
  for (const item of w.rows) {
    const v = view.get(item.id);
    view.delete(item.id);
    if (v === undefined)
      fail(`items/${item.id}: in the write model (v${item.version}), not in the read model`);
    else if (v.version !== item.version)
      fail(`items/${item.id}: write model v${item.version}, read model v${v.version}`);
    else if (v.value !== item.value)
      fail(`items/${item.id}: v${item.version} with another value in the read model`);
    else if (Number(v.orders) !== Number(item.orders))
      fail(`items/${item.id}: ${item.orders} orders, the read model counts ${v.orders}`);
  }
  for (const id of view.keys()) fail(`items/${id}: in the read model only`);
  const orders = Number(wo.rows[0]?.n ?? 0);
  const projected = Number(ro.rows[0]?.n ?? 0);
  if (orders !== projected) fail(`orders: ${orders} in the write model, ${projected} in the read model`);
  return {
    name: 'read model = write model',
    checked: w.rows.length + orders,
    failed,
    examples,
  };
}
