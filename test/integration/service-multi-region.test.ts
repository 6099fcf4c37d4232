/**
 * The multi-region architecture on real servers (local runtime): two regions
 * 40 ms apart — every connection between them goes through a fault proxy
 * with the link's latency — each a service and a copy of the data (Postgres
 * primaries and streaming replicas). Both strategies: where writes go, what
 * a write across the link costs, replication into the other region, the lag
 * each region measures, and what each strategy still serves while us is
 * partitioned off (`{ kind: 'partition', region: 'us' }`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultSpec, inject, startFaultProxy } from '../../chaos/index.ts';
import { type Deployment, killAllSync, runtimes } from '../../harness/runtime/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { eventually } from '../helpers/eventually.ts';
import { labelled, serviceClient } from '../helpers/service-client.ts';
import { sql } from '../helpers/sql.ts';

const common = {
  regions: 2,
  euUsMs: 40,
  homeBlock: 100,
  resilience: 'on',
  timeoutMs: 1_000,
  lagSampleMs: 100,
};
const partitionUs = FaultSpec.parse({ kind: 'partition', at: '0', region: 'us' });

async function start(strategy: string): Promise<Deployment> {
  const d = await runtimes.local().start(resolveTopology('multi-region', { ...common, strategy }), {
    runId: `it-svc-multi-region-${strategy}-${process.pid}`,
    proxyFactory: startFaultProxy,
  });
  expect((await serviceClient(d.entryUrl).post('/admin/seed', { items: 400, valueSize: 16 })).status).toBe(
    200,
  );
  return d;
}

const appUrl = (d: Deployment, region: string) => d.component(`app-${region}`)[0]!.url;

async function timedPut(base: string, id: number, value: string) {
  const t0 = performance.now();
  const res = await serviceClient(base).put(`/items/${id}`, { value });
  return { ...res, ms: performance.now() - t0 };
}

afterAll(() => {
  killAllSync();
});

describe('multi-region, home-region-writes', () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await start('home-region-writes');
  }, 90_000);
  afterAll(async () => {
    await d?.stop();
  });

  it('homes each key in its region’s primary: the seed put blocks of 100 ids in eu and us', async () => {
    const count = async (c: string) =>
      (await sql<{ n: number; lo: number; hi: number }>(d, c, 'SELECT count(*)::int AS n FROM items'))
        .rows[0]!.n;
    expect(await count('pg-eu')).toBe(200);
    expect(await count('pg-us')).toBe(200);
    const { rows } = await sql<{ id: number }>(d, 'pg-us', 'SELECT min(id)::int AS id FROM items');
    expect(rows[0]!.id).toBe(101);
    // Each replica has the other region's partition.
    expect(await count('pg-eu-us')).toBe(200);
    expect(await count('pg-us-eu')).toBe(200);
  });

  it('a write to a key homed elsewhere crosses the 40 ms link; one homed here does not; both replicate', async () => {
    const local: number[] = [];
    const remote: number[] = [];
    for (let i = 0; i < 5; i++) {
      local.push((await timedPut(appUrl(d, 'us'), 150, `us-${i}`)).ms); // 101..200: us
      remote.push((await timedPut(appUrl(d, 'us'), 50, `us-${i}`)).ms); // 1..100: eu
    }
    local.sort((a, b) => a - b);
    remote.sort((a, b) => a - b);
    console.log(
      `us service: p50 write home ${local[2]!.toFixed(1)} ms, across the link ${remote[2]!.toFixed(1)} ms`,
    );
    expect(remote[0]).toBeGreaterThanOrEqual(40);
    expect(remote[2]! - local[2]!).toBeGreaterThan(30);
    const writes = await labelled(appUrl(d, 'us'), 'region_writes_total', 'remote');
    expect(writes.get('true')).toBe(5);
    expect(writes.get('false')).toBe(5);
    // eu reads key 150 from its own replica of us's partition: the last write arrives there.
    expect(
      await eventually(
        async () => (await serviceClient(appUrl(d, 'eu')).get('/items/150')).body.version === 6,
      ),
    ).toBe(true);
    const { rows } = await sql<{ version: number }>(
      d,
      'pg-us-eu',
      'SELECT version FROM items WHERE id = 150',
    );
    expect(rows[0]!.version).toBe(6);
  });

  it('each region samples the lag of its copy of the other region’s data', async () => {
    for (const [region, home] of [
      ['eu', 'us'],
      ['us', 'eu'],
    ] as const) {
      const ok = await eventually(async () => {
        const lag = await labelled(appUrl(d, region), 'region_replication_lag_now_seconds', 'home');
        return lag.has(home) && lag.get(home)! < 5;
      });
      expect(ok).toBe(true);
    }
  });

  it('partitioned off, us keeps reading and writing its own keys; eu cannot write them; all back after', async () => {
    const us = serviceClient(appUrl(d, 'us'));
    const eu = serviceClient(appUrl(d, 'eu'));
    const fault = await inject(d, partitionUs);
    try {
      expect((await us.put('/items/160', { value: 'cut-off' })).status).toBe(200);
      expect((await us.get('/items/160')).body.value).toBe('cut-off');
      expect((await us.get('/items/10')).status).toBe(200); // eu's key, from us's stale copy
      expect((await eu.put('/items/10', { value: 'eu-home' })).status).toBe(200);
      const t0 = performance.now();
      expect((await eu.put('/items/170', { value: 'to-us' })).status).toBe(503);
      expect(performance.now() - t0).toBeLessThan(3_000);
      expect((await us.put('/items/20', { value: 'to-eu' })).status).toBe(503);
      expect((await eu.get('/health')).status).toBe(200);
      expect((await us.get('/health')).status).toBe(200);
    } finally {
      await fault.revert();
    }
    expect(
      await eventually(async () => (await eu.put('/items/170', { value: 'again' })).status === 200, 15_000),
    ).toBe(true);
    expect(await eventually(async () => (await eu.get('/items/160')).body.value === 'cut-off', 15_000)).toBe(
      true,
    );
  }, 60_000);
});

describe('multi-region, read-local-write-primary', () => {
  let d: Deployment;
  beforeAll(async () => {
    d = await start('read-local-write-primary');
  }, 90_000);
  afterAll(async () => {
    await d?.stop();
  });

  it('one primary in eu, a replica in us: us reads locally, every us write crosses to eu', async () => {
    expect(d.component('pg-us')).toEqual([]);
    const us = serviceClient(appUrl(d, 'us'));
    const put = await timedPut(appUrl(d, 'us'), 150, 'from-us');
    expect(put.status).toBe(200);
    expect(put.ms).toBeGreaterThanOrEqual(40);
    expect(await eventually(async () => (await us.get('/items/150')).body.value === 'from-us')).toBe(true);
    expect((await labelled(appUrl(d, 'us'), 'region_reads_total', 'home')).get('eu')).toBeGreaterThan(0);
  });

  it('partitioned off, us still serves reads (from its replica) but no write; eu serves both', async () => {
    const us = serviceClient(appUrl(d, 'us'));
    const eu = serviceClient(appUrl(d, 'eu'));
    const fault = await inject(d, partitionUs);
    try {
      expect((await us.get('/items/150')).status).toBe(200);
      expect((await us.put('/items/150', { value: 'lost?' })).status).toBe(503);
      expect((await eu.put('/items/151', { value: 'eu' })).status).toBe(200);
      expect((await eu.get('/items/151')).body.value).toBe('eu');
    } finally {
      await fault.revert();
    }
    expect(await eventually(async () => (await us.get('/items/151')).body.value === 'eu', 15_000)).toBe(true);
  }, 60_000);
});
