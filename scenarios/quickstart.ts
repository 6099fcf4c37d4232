import { defineScenario } from 'harness';

/**
 * The first comparison: the same read-heavy API (90% item reads on a skewed,
 * zipfian key set, 10% writes) on a monolith — one service, one Postgres —
 * and on the cached architecture, where Redis sits in front of Postgres as a
 * cache-aside with invalidation on write. Open model at a fixed arrival rate,
 * so latency is measured from each request's intended start.
 */
export default defineScenario({
  name: 'quickstart',
  description: 'Read-heavy API at 400 req/s: monolith vs. Redis cache-aside in front of Postgres.',
  targets: ['monolith', 'cached'],
  dataset: { items: 20_000, valueSize: 200 },
  workload: {
    mix: [
      { name: 'get-item', weight: 90, method: 'GET', path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        weight: 10,
        method: 'PUT',
        path: '/items/{key}',
        key: { dist: 'zipfian' },
        body: { value: 'value-{rand}' },
        ledger: true,
      },
    ],
  },
  profiles: {
    steady: {
      executor: 'constant-arrival-rate',
      rate: 400,
      duration: '20s',
      preAllocatedVUs: 50,
      maxVUs: 200,
    },
  },
  thresholds: {
    http_req_duration: ['p(95)<250'],
    http_req_failed: ['rate<0.01'],
  },
});
