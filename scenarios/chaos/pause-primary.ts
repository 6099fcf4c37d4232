import { defineScenario } from 'harness';

/**
 * Pause the Postgres primary (SIGSTOP) for 5 s: writes stop and resume after it; replicated keeps serving reads from its replicas, the monolith stalls entirely.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 */
export default defineScenario({
  name: 'chaos-pause-primary',
  description:
    'Pause the Postgres primary (SIGSTOP) for 5 s: writes stop and resume after it; replicated keeps serving reads from its replicas, the monolith stalls entirely.',
  targets: [
    'monolith',
    { arch: 'monolith', name: 'monolith-resilient', params: { resilience: 'on' } },
    'replicated',
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
    'pause-postgres': { faults: [{ kind: 'pause', at: '10s', duration: '5s', target: 'postgres' }] },
  },
});
