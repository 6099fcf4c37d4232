import { defineScenario } from 'harness';

/**
 * 50 ms of latency on the service→database edge for 15 s: the monolith's p50 rises by 50 ms, the cache hides it for hot keys.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 */
export default defineScenario({
  name: 'chaos-db-latency',
  description:
    "50 ms of latency on the service→database edge for 15 s: the monolith's p50 rises by 50 ms, the cache hides it for hot keys.",
  targets: ['monolith', 'cached'],
  dataset: { items: 5_000 },
  workload: {
    mix: [
      { name: 'get-item', weight: 8, path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        weight: 2,
        method: 'PUT',
        path: '/items/{key}',
        body: { value: 'v-{rand}' },
        ledger: true,
      },
    ],
  },
  profiles: {
    steady: {
      executor: 'constant-arrival-rate',
      rate: 100,
      duration: '40s',
      preAllocatedVUs: 20,
      maxVUs: 200,
    },
  },
  // The steady state: the fault-impact figures say when the target left it and when it came back.
  thresholds: {
    http_req_duration: ['p(99)<300'],
    http_req_failed: ['rate<0.01'],
  },
  schedules: {
    none: {},
    'db-latency-50ms': {
      faults: [
        {
          kind: 'latency',
          at: '10s',
          duration: '15s',
          edge: 'app->postgres',
          latency: '50ms',
          jitter: '5ms',
        },
      ],
    },
  },
});
