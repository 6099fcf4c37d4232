/**
 * The cqrs architecture on real servers started by the local runtime: a write
 * Postgres with its outbox, NATS JetStream, two projectors and a read
 * Postgres. Writes are acknowledged at the write model's commit and reach the
 * read model through the projectors; reads that miss an acknowledged write
 * are counted behind or stale; the outbox carries writes over a broker outage;
 * the audit finds a read model that drifted from the write model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { eventually } from '../helpers/eventually.ts';
import { metric, serviceClient } from '../helpers/service-client.ts';
import { sql } from '../helpers/sql.ts';

let deployment: Deployment;
let api: ReturnType<typeof serviceClient>;

beforeAll(async () => {
  deployment = await runtimes
    .local()
    .start(
      resolveTopology('cqrs', { projectors: 2, poolSize: 4, lagBoundMs: 1_000, drainTimeoutMs: 5_000 }),
      {
        runId: `it-svc-cqrs-${process.pid}`,
      },
    );
  api = serviceClient(deployment.entryUrl);
});

afterAll(async () => {
  await deployment?.stop();
});

const projectorSum = async (name: string) =>
  (await Promise.all(deployment.component('projector').map((p) => metric(p.url, name)))).reduce(
    (a, b) => a + b,
    0,
  );
/** Item reads by freshness, from the API's cqrs_reads_total. */
async function reads(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const f of ['fresh', 'behind', 'stale'])
    out.set(f, (await metric(deployment.entryUrl, `cqrs_reads_total{entity="items",freshness="${f}"}`)) || 0);
  return out;
}

describe('service, cqrs', () => {
  it('is healthy (both databases, the broker; each projector too) and seeds both models', async () => {
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    for (const p of deployment.component('projector'))
      expect((await fetch(`${p.url}/health`)).status).toBe(200);
    expect((await api.post('/admin/seed', { items: 100, valueSize: 16 })).status).toBe(200);
    expect((await api.get('/items/5')).body).toMatchObject({ id: 5, version: 1, orderCount: 0 });
    const seeded = await sql(deployment, 'readdb', 'SELECT count(*)::int AS n FROM item_view');
    expect(seeded.rows[0]).toEqual({ n: 100 });
  });

  it('acknowledges at the write model, projects into the read model, and measures the lag', async () => {
    const writes: { id: string; version: number }[] = [];
    const puts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => api.put(`/items/${(i % 10) + 1}`, { value: `v${i}` })),
    );
    for (const put of puts) {
      expect(put.status).toBe(200);
      writes.push({ id: `items/${put.body.id}`, version: put.body.version as number });
    }
    const order = await api.post('/orders', { itemId: 3, qty: 2 });
    expect(order.status).toBe(201);
    writes.push({ id: `orders/${order.body.id}`, version: 1 });
    expect((await api.post('/orders', { itemId: 999, qty: 1 })).status).toBe(404);

    expect(await eventually(async () => (await api.get(`/orders/${order.body.id}`)).status === 200)).toBe(
      true,
    );
    expect(await eventually(async () => (await api.get('/items/3')).body.orderCount === 1)).toBe(true);
    expect((await api.get('/items/3')).body).toMatchObject({ orderedQty: 2 });
    // verify settles (everything published and projected), then finds each write in both models.
    expect((await api.post('/admin/verify', { writes })).body).toEqual({ checked: 11, lost: [], stale: [] });
    expect((await api.get('/items/10')).body.version).toBe(5);
    expect(await projectorSum('cqrs_events_projected_total{entity="items"}')).toBeGreaterThanOrEqual(40);
    expect(await projectorSum('cqrs_projection_lag_seconds_count')).toBeGreaterThanOrEqual(41);
    const p99 = await metric(
      deployment.component('projector')[0]!.url,
      'cqrs_projection_lag_seconds{quantile="0.99"}',
    );
    expect(p99).toBeGreaterThan(0);
    expect(p99).toBeLessThan(5);
    expect(await metric(deployment.entryUrl, 'cqrs_outbox_events')).toBe(0);
  });

  it('counts reads that miss an acknowledged write: behind inside the lag bound, stale beyond it', async () => {
    const projectors = deployment.component('projector');
    await Promise.all(projectors.map((p) => p.kill('SIGTERM')));
    expect(await eventually(() => projectors.every((p) => !p.isRunning()))).toBe(true);
    const before = await reads();

    const put = await api.put('/items/20', { value: 'unseen' });
    expect(put.status).toBe(200);
    expect((await api.get('/items/20')).body.version).toBe(1); // the read model still has the seed
    await new Promise((r) => setTimeout(r, 1_200)); // past the 1 s bound
    expect((await api.get('/items/20')).body.version).toBe(1);
    const during = await reads();
    expect((during.get('behind') ?? 0) - (before.get('behind') ?? 0)).toBe(1);
    expect((during.get('stale') ?? 0) - (before.get('stale') ?? 0)).toBe(1);

    await Promise.all(projectors.map((p) => p.restart()));
    expect(await eventually(async () => (await api.get('/items/20')).body.version === 2)).toBe(true);
    const after = await reads();
    expect((after.get('fresh') ?? 0) - (during.get('fresh') ?? 0)).toBeGreaterThanOrEqual(1);
  });

  it('keeps acknowledging writes while the broker is down; the outbox delivers them when it is back', async () => {
    const [nats] = deployment.component('nats');
    await nats!.kill('SIGKILL');
    const put = await api.put('/items/30', { value: 'while the broker was down' });
    expect(put.status).toBe(200);
    expect(await eventually(async () => (await metric(deployment.entryUrl, 'cqrs_outbox_events')) >= 1)).toBe(
      true,
    );
    await nats!.restart();
    expect(await eventually(async () => (await api.get('/items/30')).body.version === 2, 20_000)).toBe(true);
    expect(
      await eventually(async () => (await metric(deployment.entryUrl, 'cqrs_outbox_events')) === 0),
    ).toBe(true);
  });

  it('the audit says the read model converged to the write model — and when it did not', async () => {
    const clean = await api.post('/admin/cqrs/audit', {});
    expect(clean.body.checks).toEqual([
      { name: 'read model = write model', checked: 101, failed: 0, examples: [] },
    ]);
    await sql(deployment, 'readdb', 'UPDATE item_view SET version = 1 WHERE id = 10');
    await sql(deployment, 'readdb', 'DELETE FROM item_view WHERE id = 11');
    const drifted = await api.post('/admin/cqrs/audit', {});
    expect(drifted.body.checks).toEqual([
      {
        name: 'read model = write model',
        checked: 101,
        failed: 2,
        examples: [
          'items/10: write model v5, read model v1',
          'items/11: in the write model (v1), not in the read model',
        ],
      },
    ]);
    // The ledger check sees it too: an acknowledged write must be in both models.
    expect((await api.post('/admin/verify', { writes: [{ id: 'items/10', version: 5 }] })).body).toEqual({
      checked: 1,
      lost: [],
      stale: ['items/10'],
    });
  });
});
