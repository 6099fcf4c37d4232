import { defineScenario } from 'harness';

/**
 * Kill Redis in front of Postgres: with the circuit breaker on, cached reads degrade to the database without a burst of errors; without it, every read waits for the dead cache first.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 */
export default defineScenario({
  name: 'chaos-kill-cache',
  description:
    'Kill Redis in front of Postgres: with the circuit breaker on, cached reads degrade to the database without a burst of errors; without it, every read waits for the dead cache first.',
  targets: [
    { arch: 'cached', params: { resilience: 'off' } },
    { arch: 'cached', name: 'cached-resilient', params: { resilience: 'on' } },
  ],
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
    'kill-redis': { faults: [{ kind: 'kill', at: '10s', target: 'redis', restartAfter: '15s' }] },
  },
});
