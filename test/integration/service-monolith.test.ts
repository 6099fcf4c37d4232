/** The service in monolith mode against a real Postgres started by the local runtime. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { serviceClient } from '../helpers/service-client.ts';

const items = 500;
let deployment: Deployment;
let api: ReturnType<typeof serviceClient>;

beforeAll(async () => {
  deployment = await runtimes.local().start(resolveTopology('monolith', { poolSize: 4 }), {
    runId: `it-svc-monolith-${process.pid}`,
  });
  api = serviceClient(deployment.entryUrl);
});

afterAll(async () => {
  await deployment?.stop();
});

describe('service, monolith', () => {
  it('is healthy and seeds items 1..N with values of the requested size', async () => {
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const seeded = await api.post('/admin/seed', { items, valueSize: 64 });
    expect(seeded.status).toBe(200);
    expect(seeded.body.items).toBe(items);
    for (const id of [1, 250, items]) {
      const { status, body } = await api.get(`/items/${id}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ id, version: 1 });
      expect(String(body.value)).toHaveLength(64);
    }
    expect((await api.get(`/items/${items + 1}`)).status).toBe(404);
  });

  it('increments versions on PUT and creates new items at version 1', async () => {
    expect((await api.put('/items/7', { value: 'a' })).body).toEqual({ entity: 'items', id: 7, version: 2 });
    expect((await api.put('/items/7', { value: 'b' })).body).toEqual({ entity: 'items', id: 7, version: 3 });
    expect((await api.get('/items/7')).body).toEqual({ id: 7, value: 'b', version: 3 });
    expect((await api.put('/items/100000', { value: 'new' })).body).toMatchObject({ version: 1 });
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, () => api.put('/items/8', { value: 'c' })),
    );
    const versions = concurrent.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('creates and reads orders; 404 for a missing item, 400 for a bad body', async () => {
    const created = await api.post('/orders', { itemId: 3, qty: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ entity: 'orders', version: 1 });
    const order = await api.get(`/orders/${created.body.id}`);
    expect(order).toMatchObject({ status: 200, body: { id: created.body.id, itemId: 3, qty: 2 } });
    expect((await api.post('/orders', { itemId: 999_999, qty: 1 })).status).toBe(404);
    expect((await api.post('/orders', { itemId: 3 })).status).toBe(400);
    expect((await api.put('/items/1', 'not an object')).status).toBe(400);
  });

  it('verify finds every acknowledged write, and tells the truth when rows vanish behind its back', async () => {
    const writes: { id: string; version: number }[] = [];
    for (let id = 10; id < 20; id++) {
      const put = await api.put(`/items/${id}`, { value: `v${id}` });
      writes.push({ id: `items/${id}`, version: put.body.version as number });
      const order = await api.post('/orders', { itemId: id, qty: 1 });
      writes.push({ id: `orders/${order.body.id}`, version: 1 });
    }
    expect((await api.post('/admin/verify', { writes })).body).toEqual({ checked: 20, lost: [], stale: [] });

    const orderId = writes[1]!.id.split('/')[1];
    await sql(deployment, 'DELETE FROM items WHERE id = 10');
    await sql(deployment, 'UPDATE items SET version = 1 WHERE id = 11');
    await sql(deployment, 'DELETE FROM orders WHERE id = $1', [orderId]);
    const after = await api.post('/admin/verify', { writes });
    expect(after.body).toEqual({ checked: 20, lost: ['items/10', `orders/${orderId}`], stale: ['items/11'] });
  });
});

// ---- helpers
/** Runs SQL straight against the deployment's Postgres, behind the service's back. */
async function sql(deployment: Deployment, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const url = deployment.component('postgres')[0]?.url;
  if (url === undefined) throw new Error('no postgres in the deployment');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
