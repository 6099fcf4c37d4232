import { defineScenario } from 'harness';

/**
 * Two regions, eu and us, 40 ms apart (a latency on every connection that
 * crosses them), each a service and a copy of the data; clients in each
 * region send their requests to their own region's service (`entry`), and
 * request names carry the region (`get-eu`, `put-us`), so results.json's
 * byRequest and report.html give the latency per region.
 * - read-local-write-primary: one Postgres primary, in eu, and a streaming
 *   replica in us. Reads stay in their region; every write goes to eu, so a
 *   write from us pays the 40 ms round trip (and more: a write is several).
 * - home-region-writes: each region's primary owns its keys (ids 1..1000 are
 *   homed in eu, 1001..2000 in us); each primary has a replica in the other
 *   region. A client writes the keys of its own region: no write crosses.
 * Replication lag of the cross-region copies (pg_last_xact_replay_timestamp
 * under a 50 ms heartbeat) lands in targetMetrics and the report's "inside the
 * targets" table.
 * Schedule `partition-us` cuts every link of us for 8 s: with
 * read-local-write-primary us keeps serving reads (from its replica, going
 * stale) but every us write fails (503 after the 1 s timeout); with
 * home-region-writes both regions keep serving all their reads and writes —
 * they never cross — and the copies fall behind by the partition's length,
 * then catch up. 0 lost acknowledged writes everywhere.
 * Exit code 3: the partitioned read-local-write-primary run fails the us
 * write error threshold (by design: that is what it cannot serve).
 *   npx harness run scenarios/multi-region.ts --duration-scale 0.5
 */
const region = (r: 'eu' | 'us', rate: number) => ({
  executor: 'constant-arrival-rate' as const,
  entry: r,
  rate,
  duration: '40s',
  preAllocatedVUs: 20,
  maxVUs: 200,
  weights: {
    'get-eu': r === 'eu' ? 8 : 0,
    'put-eu': r === 'eu' ? 2 : 0,
    'get-us': r === 'us' ? 8 : 0,
    'put-us': r === 'us' ? 2 : 0,
  },
});

const params = { regions: 2, euUsMs: 40, resilience: 'on', timeoutMs: 1_000, homeBlock: 1_000 } as const;

export default defineScenario({
  name: 'multi-region',
  description:
    'Two regions 40 ms apart, clients in each: reads local and writes to the primary region vs. writes to the key’s home region; per-region latency, cross-region replication lag, and what each keeps serving when us is partitioned off.',
  targets: [
    {
      arch: 'multi-region',
      name: 'read-local-write-primary',
      params: { ...params, strategy: 'read-local-write-primary' },
    },
    {
      arch: 'multi-region',
      name: 'home-region-writes',
      params: { ...params, strategy: 'home-region-writes' },
    },
  ],
  dataset: { items: 2_000, valueSize: 100 },
  workload: {
    mix: [
      { name: 'get-eu', path: '/items/{key}', key: { dist: 'uniform' } },
      {
        name: 'put-eu',
        method: 'PUT',
        path: '/items/{key}',
        key: { dist: 'uniform', min: 1, max: 1_000 },
        body: { value: 'eu-{rand}' },
        ledger: true,
      },
      { name: 'get-us', path: '/items/{key}', key: { dist: 'uniform' } },
      {
        name: 'put-us',
        method: 'PUT',
        path: '/items/{key}',
        key: { dist: 'uniform', min: 1_001, max: 2_000 },
        body: { value: 'us-{rand}' },
        ledger: true,
      },
    ],
  },
  profiles: {
    regions: { scenarios: { eu: region('eu', 40), us: region('us', 40) } },
  },
  schedules: {
    none: {},
    'partition-us': { faults: [{ kind: 'partition', region: 'us', at: '12s', duration: '8s' }] },
  },
  thresholds: {
    'http_req_failed{name:put-us}': ['rate<0.01'],
    'http_req_failed{name:get-us}': ['rate<0.01'],
  },
});
