import type { ScenarioInput } from 'harness';

/**
 * The load every chaos scenario here runs: 100 requests/s (80 % reads, 20 %
 * acknowledged writes) for 40 s, with faults from 10 s, after a 5 s warm-up
 * that is not measured (so the 10 s before a fault are the steady state, not
 * a cold start). Its thresholds are the steady state: the fault-impact figures
 * say when a target left it and when it came back.
 */
export const steadyLoad = {
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
  thresholds: {
    http_req_duration: ['p(99)<300'],
    http_req_failed: ['rate<0.01'],
  },
  warmup: '5s',
} satisfies Partial<ScenarioInput>;
