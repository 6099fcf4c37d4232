import { defineScenario } from 'harness';

/**
 * Kill one of three service replicas behind HAProxy: the load balancer's health checks route around it within the check interval; with retries on, in-flight requests are retried on a live instance.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 */
export default defineScenario({
  name: 'chaos-kill-app-replica',
  description:
    "Kill one of three service replicas behind HAProxy: the load balancer's health checks route around it within the check interval; with retries on, in-flight requests are retried on a live instance.",
  targets: [
    { arch: 'replicated', params: { apps: 3, checkIntervalMs: 500 } },
    {
      arch: 'replicated',
      name: 'replicated-resilient',
      params: { apps: 3, checkIntervalMs: 500, resilience: 'on' },
    },
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
    'kill-app-1': { faults: [{ kind: 'kill', at: '10s', target: 'app', instance: 1, restartAfter: '15s' }] },
  },
});
