import { defineScenario } from 'harness';

/**
 * Partition the API from the NATS broker for 8 s: queued writes cannot be accepted (503) and resume afterwards; nothing acknowledged is lost.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 */
export default defineScenario({
  name: 'chaos-partition-broker',
  description:
    'Partition the API from the NATS broker for 8 s: queued writes cannot be accepted (503) and resume afterwards; nothing acknowledged is lost.',
  targets: ['queued', { arch: 'queued', name: 'queued-resilient', params: { resilience: 'on' } }],
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
    'partition-app-nats': { faults: [{ kind: 'partition', at: '10s', duration: '8s', edge: 'app->nats' }] },
  },
});
