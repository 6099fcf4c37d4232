/** HAProxy → services → Postgres primary + streaming replicas, all started by the local runtime. */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { labelled, serviceClient } from '../helpers/service-client.ts';

const checkIntervalMs = 200;
let deployment: Deployment;
let api: ReturnType<typeof serviceClient>;

beforeAll(async () => {
  deployment = await runtimes
    .local()
    .start(resolveTopology('replicated', { apps: 2, replicas: 2, poolSize: 2, checkIntervalMs }), {
      runId: `it-svc-replicated-${process.pid}`,
    });
  api = serviceClient(deployment.entryUrl);
});

afterAll(async () => {
  await deployment?.stop();
});

describe('service, replicated', () => {
  it('seeds through the load balancer; the seed returns once the replicas have it', async () => {
    expect(await api.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await api.post('/admin/seed', { items: 200, valueSize: 16 })).status).toBe(200);
    for (let r = 0; r < 2; r++) {
      const { rows } = await sql('replica', r, 'SELECT count(*)::int AS n FROM items');
      expect(rows[0]).toEqual({ n: 200 });
    }
  });

  it('spreads reads over every replica (and apps over the balancer)', async () => {
    for (let i = 0; i < 40; i++) expect((await api.get(`/items/${(i % 200) + 1}`)).status).toBe(200);
    const totals = new Map<string, number>();
    for (const app of deployment.component('app')) {
      const reads = await labelled(app.url, 'db_reads_total', 'target');
      expect([...reads.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0); // round robin reached it
      for (const [target, n] of reads) totals.set(target, (totals.get(target) ?? 0) + n);
    }
    expect(totals.get('replica-0')).toBeGreaterThan(5);
    expect(totals.get('replica-1')).toBeGreaterThan(5);
    expect(totals.get('primary')).toBe(0);
  });

  it('writes to the primary; a replica shows them shortly after; verify reads the primary', async () => {
    const put = await api.put('/items/7', { value: 'fresh' });
    expect(put.body).toEqual({ entity: 'items', id: 7, version: 2 });
    const order = await api.post('/orders', { itemId: 7, qty: 1 });
    expect(order.status).toBe(201);
    for (let r = 0; r < 2; r++) {
      const seen = await eventually(async () => {
        const { rows } = await sql('replica', r, 'SELECT version FROM items WHERE id = 7');
        return rows[0]?.version === 2 || undefined;
      });
      expect(seen).toBe(true);
    }
    expect(await eventually(async () => (await api.get('/items/7')).body.version === 2 || undefined)).toBe(
      true,
    );
    const writes = [
      { id: 'items/7', version: 2 },
      { id: `orders/${order.body.id}`, version: 1 },
    ];
    expect((await api.post('/admin/verify', { writes })).body).toEqual({ checked: 2, lost: [], stale: [] });
    // Lag is sampled every second, per replica.
    const app = deployment.component('app')[0]!;
    const lag = await eventually(async () => {
      const bytes = await labelled(app.url, 'db_replication_lag_bytes', 'replica');
      return bytes.size === 2 ? bytes : undefined;
    });
    expect([...(lag?.keys() ?? [])].sort()).toEqual(['replica-0', 'replica-1']);
  });

  it('keeps answering when an app instance dies, once the health checks took it out', async () => {
    await deployment.component('app')[0]!.kill('SIGKILL');
    await sleep(checkIntervalMs * 3 + 200);
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => api.get(`/items/${i + 1}`)));
    expect(statuses.map((s) => s.status)).toEqual(Array(30).fill(200));
    expect((await api.put('/items/8', { value: 'x' })).status).toBe(200);
  });
});

// ---- helpers
/** Polls `probe` until it returns something (10 s at most). */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + 10_000;
  let value = await probe();
  while (value === undefined && Date.now() < deadline) {
    await sleep(100);
    value = await probe();
  }
  return value;
}

/** Runs SQL straight against one instance of a Postgres component, behind the service's back. */
async function sql(component: string, index: number, text: string): Promise<pg.QueryResult> {
  const url = deployment.component(component)[index]?.url;
  if (url === undefined) throw new Error(`no ${component}-${index} in the deployment`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}
