import { defineScenario } from 'harness';

/**
 * Redis fails in front of Postgres, two ways. Killed: reads fall back to the
 * database at once either way (a dead Redis refuses fast). Paused (hanging):
 * without resilience every read waits for the cache timeout; with it, the
 * timeout and the circuit breaker send reads to the database within a second.
 * Each target runs once per schedule: without faults (the reference), killed, paused.
 */
export default defineScenario({
  name: 'chaos-kill-cache',
  description:
    'Redis killed, then paused, in front of Postgres: with and without timeouts and a circuit breaker',
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
    'pause-redis': { faults: [{ kind: 'pause', at: '10s', duration: '10s', target: 'redis' }] },
  },
});
