/**
 * The saga architecture on real servers started by the local runtime: the
 * orders service (orchestrator), inventory and payment, each with its own
 * Postgres, over NATS JetStream. Orders commit everywhere or turn back
 * everywhere — out of stock, payment declined, or a participant killed in the
 * middle of a stream of orders — and the integrity check (the architecture's
 * own `verify`, asking every service) finds no half-done saga; with
 * compensation off, the same kill leaves half-done sagas and the check says so.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { architectureVerify, type IntegrityCheck, resolveTopology } from '../../targets/index.ts';
import { metric, serviceClient } from '../helpers/service-client.ts';

const deployments: Deployment[] = [];

async function start(label: string, params: Record<string, unknown>): Promise<Deployment> {
  const d = await runtimes
    .local()
    .start(resolveTopology('saga', { poolSize: 4, drainTimeoutMs: 20_000, ...params }), {
      runId: `it-svc-saga-${label}-${process.pid}`,
    });
  deployments.push(d);
  expect((await serviceClient(d.entryUrl).post('/admin/seed', { items: 50, valueSize: 16 })).status).toBe(
    200,
  );
  return d;
}

/** The architecture's own check, as harness runs it after a cell. */
async function halfDone(d: Deployment): Promise<IntegrityCheck> {
  const verify = architectureVerify('saga')!;
  const [check] = await verify({ entryUrl: d.entryUrl, urls: (c) => d.component(c).map((i) => i.url) });
  return check!;
}

/** `concurrency` clients placing orders back to back for `ms`: answers by status. */
async function orderStream(base: string, ms: number, concurrency: number): Promise<Map<number, number>> {
  const api = serviceClient(base);
  const statuses = new Map<number, number>();
  const until = Date.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      for (let i = 0; Date.now() < until; i++) {
        const res = await api
          .post('/orders', { itemId: ((c * 7 + i) % 50) + 1, qty: 1 })
          .catch(() => undefined);
        const status = res?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  return statuses;
}

/** Orders while `participant` is killed 1 s in and started again 3 s later. */
async function killMidStream(d: Deployment, participant: string): Promise<Map<number, number>> {
  const [victim] = d.component(participant);
  const load = orderStream(d.entryUrl, 6_000, 8);
  await sleep(1_000);
  await victim!.kill('SIGKILL');
  await sleep(3_000);
  await victim!.restart();
  return load;
}

let on: Deployment;

beforeAll(async () => {
  on = await start('on', { stepTimeoutMs: 1_000, declinePct: 20, stock: 1_000 });
});

afterAll(async () => {
  await Promise.all(deployments.map((d) => d.stop()));
});

describe('service, saga', () => {
  it('commits an order in every service, or turns it back in every one', async () => {
    const api = serviceClient(on.entryUrl);
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    for (const p of ['inventory', 'payment'])
      expect((await fetch(`${on.component(p)[0]!.url}/health`)).status).toBe(200);

    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api.post('/orders', { itemId: i + 1, qty: 2 })),
    );
    const placed = answers.filter((a) => a.status === 201);
    const declined = answers.filter((a) => a.status === 409);
    expect(placed.length + declined.length).toBe(30);
    expect(declined.length).toBeGreaterThan(0); // 20 % of payments are declined: those sagas compensate
    expect(declined[0]!.body.error).toMatch(/payment declined/);
    const order = placed[0]!.body;
    expect(order).toMatchObject({ entity: 'orders', version: 1 });
    expect((await api.get(`/orders/${order.id}`)).body).toMatchObject({ id: order.id, qty: 2 });

    const outOfStock = await api.post('/orders', { itemId: 40, qty: 1_001 });
    expect(outOfStock.status).toBe(409);
    expect(outOfStock.body.error).toMatch(/out of stock/);
    expect((await api.post('/orders', { itemId: 999, qty: 1 })).status).toBe(404);

    const check = await halfDone(on);
    expect(check).toMatchObject({ name: 'half-done sagas', checked: 31, failed: 0, examples: [] });
    expect(check.figures).toEqual({ committed: placed.length, compensated: declined.length, cancelled: 1 });
    expect(await metric(on.entryUrl, 'saga_compensations_total{participant="inventory"}')).toBe(
      declined.length,
    );
    // Acknowledged orders are in the orders database: the ledger check finds them.
    const writes = placed.map((p) => ({ id: `orders/${p.body.id}`, version: 1 }));
    expect((await api.post('/admin/verify', { writes })).body).toEqual({
      checked: placed.length,
      lost: [],
      stale: [],
    });
  });

  it('a participant killed mid-stream: timed-out sagas are compensated everywhere, none left half-done', async () => {
    const statuses = await killMidStream(on, 'payment');
    expect(statuses.get(201)).toBeGreaterThan(0);
    expect(statuses.get(503)).toBeGreaterThan(0); // orders that waited on the dead payment service
    const check = await halfDone(on);
    expect(check.failed).toBe(0);
    expect(check.examples).toEqual([]);
    expect(check.figures?.compensated).toBeGreaterThan(statuses.get(409) ?? 0);
    expect(await metric(on.entryUrl, 'saga_step_timeouts_total{step="charging"}')).toBeGreaterThan(0);
  });

  it('a seed resets every service, participants through the broker behind their queued commands', async () => {
    const api = serviceClient(on.entryUrl);
    expect((await api.post('/orders', { itemId: 7, qty: 1 })).status).toBeLessThan(500);
    expect((await api.post('/admin/seed', { items: 20, valueSize: 8 })).status).toBe(200);
    for (const p of ['inventory', 'payment']) {
      const res = await fetch(`${on.component(p)[0]!.url}/admin/saga-records`, { method: 'POST' });
      expect(((await res.json()) as { records: object }).records).toEqual({});
    }
    expect(await halfDone(on)).toMatchObject({ checked: 0, failed: 0 });
    // The stock is back to 1,000 units per item: exactly that much can be ordered.
    expect((await api.post('/orders', { itemId: 5, qty: 1_001 })).status).toBe(409);
    expect((await api.post('/orders', { itemId: 5, qty: 1_000 })).status).toBeOneOf([201, 409]);
  });

  it('with compensation off, the same kill leaves half-done sagas — and the check reports them', async () => {
    const off = await start('off', { stepTimeoutMs: 1_000, compensation: 'off' });
    const statuses = await killMidStream(off, 'payment');
    expect(statuses.get(503)).toBeGreaterThan(0);
    const check = await halfDone(off);
    expect(check.failed).toBeGreaterThan(0);
    expect(check.failed).toBe(check.figures?.failed);
    expect(check.examples[0]).toMatch(
      /^sagas\/\d+: failed \(timed out while (charging|reserving)\), inventory reserved/,
    );
  });
});
