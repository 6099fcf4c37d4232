/** The queued architecture: API → NATS JetStream → workers → Postgres, all started by the local runtime. */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { metric, serviceClient } from '../helpers/service-client.ts';

let deployment: Deployment;
let api: ReturnType<typeof serviceClient>;

beforeAll(async () => {
  deployment = await runtimes
    .local()
    .start(resolveTopology('queued', { workers: 2, poolSize: 2, drainTimeoutMs: 2_000 }), {
      runId: `it-svc-queued-${process.pid}`,
    });
  api = serviceClient(deployment.entryUrl);
});

afterAll(async () => {
  await deployment?.stop();
});

describe('service, queued', () => {
  it('is healthy (postgres and nats), seeds, and reads from Postgres', async () => {
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    for (const worker of deployment.component('worker'))
      expect((await fetch(`${worker.url}/health`)).status).toBe(200);
    expect((await api.post('/admin/seed', { items: 100, valueSize: 16 })).status).toBe(200);
    expect((await api.get('/items/5')).body).toMatchObject({ id: 5, version: 1 });
  });

  it('accepts writes with 202, persists them, and verify finds them all', async () => {
    const writes: { id: string; version: number }[] = [];
    const puts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.put('/items/7', { value: `v${i}` })),
    );
    for (const put of puts) {
      expect(put.status).toBe(202);
      expect(put.body).toMatchObject({ entity: 'items', id: 7, status: 'accepted' });
      writes.push({ id: 'items/7', version: put.body.version as number });
    }
    const versions = puts.map((p) => p.body.version as number);
    expect(new Set(versions).size).toBe(20);
    expect(Math.min(...versions)).toBeGreaterThan(1);
    const created = await api.put('/items/5000', { value: 'new' });
    writes.push({ id: 'items/5000', version: created.body.version as number });

    const order = await api.post('/orders', { itemId: 3, qty: 2 });
    expect(order.status).toBe(202);
    expect(order.body).toMatchObject({ entity: 'orders', version: 1, status: 'accepted' });
    const orderId = order.body.id as number;
    writes.push({ id: `orders/${orderId}`, version: 1 });
    expect((await api.post('/orders', { itemId: 999_999, qty: 1 })).status).toBe(404);

    expect(await eventually(async () => (await api.get(`/orders/${orderId}/status`)).body.status)).toBe(
      'persisted',
    );
    expect((await api.post('/admin/verify', { writes })).body).toEqual({ checked: 3, lost: [], stale: [] });
    // The last write the broker sequenced wins, whatever order the workers persisted them in.
    const newest = puts.reduce((a, b) => ((a.body.version as number) > (b.body.version as number) ? a : b));
    expect((await api.get('/items/7')).body).toMatchObject({ version: newest.body.version });
    const status = await api.get(`/writes/items/7/status?version=${newest.body.version}`);
    expect(status.body).toEqual({ entity: 'items', id: 7, status: 'persisted' });
    expect((await api.get(`/orders/${orderId}`)).body).toMatchObject({ id: orderId, itemId: 3, qty: 2 });

    const e2e = await Promise.all(
      deployment
        .component('worker')
        .map((w) => metric(w.url, 'queue_end_to_end_seconds_count{entity="items"}')),
    );
    expect(e2e.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(21);
    expect(await metric(deployment.entryUrl, 'queue_stream_messages')).toBe(0);
  });

  it('with the workers stopped, writes stay accepted-but-not-persisted until they come back', async () => {
    const workers = deployment.component('worker');
    await Promise.all(workers.map((w) => w.kill('SIGTERM')));
    await eventually(async () => workers.every((w) => !w.isRunning()) || undefined);

    const put = await api.put('/items/9', { value: 'while down' });
    expect(put.status).toBe(202);
    const statusUrl = `/writes/items/9/status?version=${put.body.version}`;
    await sleep(500);
    expect((await api.get(statusUrl)).body.status).toBe('accepted');
    expect(await metric(deployment.entryUrl, 'queue_stream_messages')).toBe(1);
    expect(await metric(deployment.entryUrl, 'queue_lag_seconds')).toBeGreaterThan(0);
    // verify waits (drainTimeoutMs), then tells the truth: not persisted.
    const writes = [{ id: 'items/9', version: put.body.version as number }];
    expect((await api.post('/admin/verify', { writes })).body).toEqual({
      checked: 1,
      lost: [],
      stale: ['items/9'],
    });

    await Promise.all(workers.map((w) => w.restart()));
    expect(
      await eventually(async () => (await api.get(statusUrl)).body.status === 'persisted' || undefined),
    ).toBe(true);
    expect((await api.post('/admin/verify', { writes })).body).toEqual({ checked: 1, lost: [], stale: [] });
  });
});

// ---- helpers
/** Polls `probe` until it returns something other than undefined / 'accepted' (10 s at most). */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + 10_000;
  let value = await probe();
  while ((value === undefined || value === 'accepted') && Date.now() < deadline) {
    await sleep(100);
    value = await probe();
  }
  return value;
}
