import { defineScenario } from 'harness';

/**
 * The five reference architectures under the same two mixes. Closed model
 * (32 VUs in a loop), so each architecture shows the throughput it sustains
 * on this machine and the latency it costs:
 * - read-heavy: 95 % item reads on a zipfian key set — caches and replicas shine;
 * - write-heavy: 50 % item updates, 30 % new orders — queues accept fast,
 *   shards spread the writes.
 * Results also carry each service's own counters (`targetMetrics`): database
 * reads per replica, cache hits, writes per shard, queue end-to-end latency.
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
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
  },
});
