/** The service over Postgres shards (consistent hashing), all started by the local runtime. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { serviceClient } from '../helpers/service-client.ts';

const shards = 3;
let deployment: Deployment;
let api: ReturnType<typeof serviceClient>;

beforeAll(async () => {
  deployment = await runtimes.local().start(resolveTopology('sharded', { shards, poolSize: 2 }), {
    runId: `it-svc-sharded-${process.pid}`,
  });
  api = serviceClient(deployment.entryUrl);
});

afterAll(async () => {
  await deployment?.stop();
});

describe('service, sharded', () => {
  it('seeds each shard with its own keys only: the same logical data, split', async () => {
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await api.post('/admin/seed', { items: 600, valueSize: 16 })).status).toBe(200);
    const counts = await Promise.all(
      deployment.component('shard').map(async (_, s) => {
        const { rows } = await sql(s, 'SELECT count(*)::int AS n, min(version) AS v FROM items');
        return rows[0] as { n: number; v: number };
      }),
    );
    expect(counts.reduce((sum, c) => sum + c.n, 0)).toBe(600);
    for (const c of counts) {
      expect(c.n).toBeGreaterThan(600 / shards / 2);
      expect(c.v).toBe(1);
    }
    const item = await api.get('/items/123');
    expect(item.body).toMatchObject({ id: 123, version: 1 });
    expect(String(item.body.value)).toHaveLength(16);
  });

  it('routes writes to every shard, roughly evenly, and orders live with their item', async () => {
    const before = await api.labelled('db_writes_total', 'shard');
    const writes: { id: string; version: number }[] = [];
    for (let id = 1; id <= 90; id++) {
      const put = await api.put(`/items/${id}`, { value: `v${id}` });
      expect(put.body).toEqual({ entity: 'items', id, version: 2 });
      writes.push({ id: `items/${id}`, version: 2 });
    }
    for (let id = 1; id <= 30; id++) {
      const order = await api.post('/orders', { itemId: id, qty: 1 });
      expect(order.status).toBe(201);
      const orderId = order.body.id as number;
      writes.push({ id: `orders/${orderId}`, version: 1 });
      // The id ends in its shard, and that shard holds the item too.
      const shard = orderId % 1000;
      const { rows } = await sql(
        shard,
        'SELECT item_id FROM orders o JOIN items i ON i.id = o.item_id WHERE o.id = $1',
        [orderId],
      );
      expect(rows).toEqual([{ item_id: String(id) }]);
      expect((await api.get(`/orders/${orderId}`)).body).toMatchObject({ id: orderId, itemId: id, qty: 1 });
    }
    const after = await api.labelled('db_writes_total', 'shard');
    const perShard = [...Array(shards).keys()].map(
      (s) => (after.get(String(s)) ?? 0) - (before.get(String(s)) ?? 0),
    );
    expect(perShard.reduce((a, b) => a + b, 0)).toBe(120);
    for (const n of perShard) expect(n).toBeGreaterThan(120 / shards / 2);
    const reads = await api.labelled('db_reads_total', 'shard');
    for (let s = 0; s < shards; s++) expect(reads.get(String(s))).toBeGreaterThan(0);

    expect((await api.post('/admin/verify', { writes })).body).toEqual({ checked: 120, lost: [], stale: [] });
    expect((await api.post('/orders', { itemId: 999_999, qty: 1 })).status).toBe(404);
    expect((await api.get('/orders/1999')).status).toBe(404); // shard 999 does not exist
  });

  it('verify reads each id from its own shard and sees rows vanish there', async () => {
    const put = await api.put('/items/42', { value: 'x' });
    const holders = await Promise.all(
      deployment
        .component('shard')
        .map(async (_, s) => (await sql(s, 'SELECT 1 FROM items WHERE id = 42')).rowCount),
    );
    const home = holders.indexOf(1);
    expect(holders.filter((n) => n === 1)).toHaveLength(1);
    await sql(home, 'DELETE FROM items WHERE id = 42');
    const writes = [
      { id: 'items/42', version: put.body.version as number },
      { id: 'items/43', version: 1 },
    ];
    expect((await api.post('/admin/verify', { writes })).body).toEqual({
      checked: 2,
      lost: ['items/42'],
      stale: [],
    });
  });
});

// ---- helpers
/** Runs SQL straight against one shard, behind the service's back. */
async function sql(shard: number, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const url = deployment.component('shard')[shard]?.url;
  if (url === undefined) throw new Error(`no shard ${shard} in the deployment`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
