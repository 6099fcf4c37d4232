import { defineScenario } from 'harness';

/**
 * Does adding app servers add capacity? The replicated architecture (HAProxy →
 * N services → a Postgres primary and one streaming replica the reads go to)
 * with 1, 2 and 3 services, each searched for its capacity: the highest
 * offered rate at which p99 stays under 50 ms and fewer than 1 % of requests
 * fail. Then the run fits the Universal Scalability Law to capacity against
 * N: σ (contention — what every request waits for in turn), κ (crosstalk —
 * what N services cost each other) and the N where capacity would peak.
 *
 * On a 2-core machine the services, Postgres, HAProxy and the load generator
 * share the same two cores, so from N = 2 on a service gets no more CPU than
 * one had: expect σ well above 0 and an early peak — a real finding about the
 * machine, not a failure of the pattern. Exit code 0 when every N met the SLO
 * at some rate (3 when one met it at none). About 10 minutes; `--duration-scale
 * 0.25` about 3.
 *
 *   npx harness run scenarios/scaling-replicated.ts --duration-scale 0.25
 *   npx harness capacity scenarios/scaling-replicated.ts --targets 'replicated[apps=2]'
 */
export default defineScenario({
  name: 'scaling-replicated',
  description: 'Capacity of replicated with 1, 2 and 3 app servers, and the USL fitted to it',
  targets: [{ arch: 'replicated', params: { replicas: 1 } }],
  sweep: { 'replicated.apps': [1, 2, 3] },
  dataset: { items: 20_000, valueSize: 200 },
  workload: {
    mix: [
      { name: 'get-item', weight: 95, method: 'GET', path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        weight: 5,
        method: 'PUT',
        path: '/items/{key}',
        key: { dist: 'zipfian' },
        body: { value: 'value-{rand}' },
        ledger: true,
      },
    ],
  },
  profiles: {
    capacity: { preset: 'capacity', startRate: 200, stepDuration: '15s', settle: '4s', tolerance: 0.05 },
  },
  thresholds: {
    http_req_duration: ['p(99)<50'],
    http_req_failed: ['rate<0.01'],
  },
});
