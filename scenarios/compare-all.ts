import { defineScenario } from 'harness';

/**
 * The five reference architectures under the same mixes:
 * - read-heavy: 95 % item reads on a zipfian key set, closed model (32 VUs in
 *   a loop) — the throughput each sustains on this machine and its latency;
 *   caches and replicas shine;
 * - write-heavy: 50 % item updates, 30 % new orders, closed model — shards
 *   spread the writes;
 * - write-latency: item updates at a steady 300/s (open model), well below
 *   every architecture's capacity — what a writer waits for its ack.
 * The `remote-db` schedule runs monolith, cached and queued once more with
 * 5 ms on every connection into Postgres, as a database in another zone
 * would: the monolith's commit pays it on every write, the cache hides it
 * for hot reads, the queue acknowledges at the broker and its workers pay it
 * once per batch. (On loopback a one-row commit costs about what a broker ack
 * does, so without it the queue has nothing to hide.)
 * Results also carry each service's own counters (`targetMetrics`): database
 * reads per replica, cache hits, writes per shard, queue end-to-end latency.
 * 72 cells (3 trials each): ~22 min at `--duration-scale 0.5`; `--trials 1` (~7 min) for
 * a first look, without a verdict on noise.
 */
export default defineScenario({
  name: 'compare-all',
  description: 'monolith, cached, replicated, sharded and queued under a read-heavy and a write-heavy mix',
  targets: ['monolith', 'cached', 'replicated', 'sharded', 'queued'],
  dataset: { items: 20_000, valueSize: 200 },
  workload: {
    mix: [
      { name: 'get-item', weight: 1, method: 'GET', path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        weight: 1,
        method: 'PUT',
        path: '/items/{key}',
        key: { dist: 'zipfian' },
        body: { value: 'value-{rand}' },
        ledger: true,
      },
      {
        name: 'create-order',
        weight: 1,
        method: 'POST',
        path: '/orders',
        key: { dist: 'uniform' },
        body: { itemId: '{key}', qty: 1 },
        ledger: true,
      },
    ],
  },
  profiles: {
    'read-heavy': {
      executor: 'constant-vus',
      vus: 32,
      duration: '20s',
      weights: { 'get-item': 95, 'put-item': 5, 'create-order': 0 },
    },
    'write-heavy': {
      executor: 'constant-vus',
      vus: 32,
      duration: '20s',
      weights: { 'get-item': 20, 'put-item': 50, 'create-order': 30 },
    },
    'write-latency': {
      executor: 'constant-arrival-rate',
      rate: 300,
      duration: '20s',
      preAllocatedVUs: 50,
      weights: { 'get-item': 0, 'put-item': 1, 'create-order': 0 },
    },
  },
  schedules: {
    none: {},
    'remote-db': {
      targets: ['monolith', 'cached', 'queued'],
      faults: [{ kind: 'latency', at: '0s', target: 'postgres', latency: '5ms' }],
    },
  },
  // Each cell warms up (pools, caches, JIT, Postgres pages) before it is measured; three
  // interleaved trials a cell, so the console can say which differences are beyond noise.
  warmup: '5s',
  trials: 3,
  thresholds: {
    http_req_failed: ['rate<0.01'],
  },
});
