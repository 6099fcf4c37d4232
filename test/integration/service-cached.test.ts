/** The service in cached mode against real Postgres and Redis started by the local runtime. */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { serviceClient } from '../helpers/service-client.ts';

let deployment: Deployment;
let api: ReturnType<typeof serviceClient>;

beforeAll(async () => {
  deployment = await runtimes
    .local()
    .start(resolveTopology('cached', { poolSize: 4, cacheMode: 'cache-aside' }), {
      runId: `it-svc-cached-${process.pid}`,
    });
  api = serviceClient(deployment.entryUrl);
});

afterAll(async () => {
  await deployment?.stop();
});

describe('service, cached (cache-aside)', () => {
  it('answers health only with both dependencies, and seeds', async () => {
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await api.post('/admin/seed', { items: 200, valueSize: 16 })).status).toBe(200);
  });

  it('serves a second read from the cache', async () => {
    const hits = await api.counter('cache_hits_total');
    const misses = await api.counter('cache_misses_total');
    const first = await api.get('/items/5');
    const second = await api.get('/items/5');
    expect(second).toEqual(first);
    expect(await api.counter('cache_misses_total')).toBe(misses + 1);
    expect(await api.counter('cache_hits_total')).toBe(hits + 1);
  });

  it('proves a hit came from the cache, and a PUT invalidates it', async () => {
    await api.get('/items/6');
    // Changed behind the service's back: a cached read still shows the old row…
    await sql(deployment, "UPDATE items SET value = 'sneaky' WHERE id = 6");
    expect((await api.get('/items/6')).body).toMatchObject({ version: 1 });
    expect((await api.get('/items/6')).body.value).not.toBe('sneaky');
    // …until a write through the service invalidates the entry.
    expect((await api.put('/items/6', { value: 'fresh' })).body).toMatchObject({ version: 2 });
    const misses = await api.counter('cache_misses_total');
    expect((await api.get('/items/6')).body).toEqual({ id: 6, value: 'fresh', version: 2 });
    expect(await api.counter('cache_misses_total')).toBe(misses + 1);
  });

  it('verifies against Postgres, not the cache', async () => {
    const put = await api.put('/items/9', { value: 'x' });
    await api.get('/items/9'); // cached now
    await sql(deployment, 'DELETE FROM items WHERE id = 9');
    const writes = [{ id: 'items/9', version: put.body.version as number }];
    expect((await api.post('/admin/verify', { writes })).body).toEqual({
      checked: 1,
      lost: ['items/9'],
      stale: [],
    });
  });

  it('reports 503 on /health when Redis is gone, keeps serving reads from Postgres, and recovers', async () => {
    const redis = deployment.component('redis')[0]!;
    await redis.kill('SIGKILL');
    expect((await api.get('/health')).status).toBe(503);
    expect((await api.get('/items/20')).body).toMatchObject({ id: 20, version: 1 });
    await redis.restart();
    // ioredis reconnects on its own (backoff ≤ 1 s).
    const deadline = Date.now() + 10_000;
    while ((await api.get('/health')).status !== 200 && Date.now() < deadline) await sleep(200);
    expect((await api.get('/health')).status).toBe(200);
  });
});

describe.each(['write-through', 'write-behind'] as const)('service, cached (%s)', (cacheMode) => {
  let dep: Deployment;
  let client: ReturnType<typeof serviceClient>;

  beforeAll(async () => {
    dep = await runtimes.local().start(resolveTopology('cached', { poolSize: 2, cacheMode }), {
      runId: `it-svc-${cacheMode}-${process.pid}`,
    });
    client = serviceClient(dep.entryUrl);
    expect((await client.post('/admin/seed', { items: 50, valueSize: 8 })).status).toBe(200);
  });

  afterAll(async () => {
    await dep?.stop();
  });

  it('writes land in the cache (a read after a PUT is a hit) and, verified, in Postgres', async () => {
    expect((await client.put('/items/4', { value: 'one' })).body).toMatchObject({ version: 2 });
    expect((await client.put('/items/4', { value: 'two' })).body).toMatchObject({ version: 3 });
    expect((await client.put('/items/777', { value: 'new' })).body).toMatchObject({ version: 1 });
    const hits = await client.counter('cache_hits_total');
    expect((await client.get('/items/4')).body).toEqual({ id: 4, value: 'two', version: 3 });
    expect(await client.counter('cache_hits_total')).toBe(hits + 1);
    const order = await client.post('/orders', { itemId: 777, qty: 1 });
    expect(order.status).toBe(201);

    const writes = [
      { id: 'items/4', version: 3 },
      { id: 'items/777', version: 1 },
      { id: `orders/${order.body.id}`, version: 1 },
    ];
    expect((await client.post('/admin/verify', { writes })).body).toEqual({
      checked: 3,
      lost: [],
      stale: [],
    });
    const { rows } = await sql(dep, 'SELECT id, value, version FROM items WHERE id IN (4, 777) ORDER BY id');
    expect(rows).toEqual([
      { id: '4', value: 'two', version: 3 },
      { id: '777', value: 'new', version: 1 },
    ]);
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
