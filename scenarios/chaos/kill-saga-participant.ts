import { defineScenario } from 'harness';

/**
 * Kill the payment service of the saga architecture 10 s into a stream of
 * orders and start it again 8 s later. Orders that were waiting on it time out
 * (503) and their sagas are turned back: the stock is released, the late
 * charge that payment finds when it is back is refunded. The integrity check
 * asks every service what it did: with compensation, 0 half-done sagas; with
 * `compensation: 'off'`, the timed-out sagas keep their stock and their
 * charge — reported as half-done, i.e. lost data (cells[].integrity.lost and
 * .checks, the report's Data integrity section).
 * Expected exit code: 3 — orders fail while payment is down, so the
 * steady-state threshold http_req_failed rate<0.01 fails on both targets.
 *   npx harness run scenarios/chaos/kill-saga-participant.ts --duration-scale 0.5
 */
export default defineScenario({
  name: 'chaos-kill-saga-participant',
  description:
    'Kill the saga’s payment service mid-run: every saga ends committed everywhere or compensated — unless compensation is off.',
  targets: [
    { arch: 'saga', params: { stepTimeoutMs: 1_000 } },
    { arch: 'saga', name: 'saga-no-compensation', params: { stepTimeoutMs: 1_000, compensation: 'off' } },
  ],
  dataset: { items: 5_000 },
  workload: {
    mix: [
      { name: 'get-item', weight: 1, path: '/items/{key}', key: { dist: 'zipfian' } },
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
    steady: {
      executor: 'constant-arrival-rate',
      rate: 100,
      duration: '40s',
      preAllocatedVUs: 20,
      maxVUs: 300,
    },
  },
  schedules: {
    'kill-payment': { faults: [{ kind: 'kill', at: '10s', target: 'payment', restartAfter: '8s' }] },
  },
  thresholds: {
    http_req_duration: ['p(99)<500'],
    http_req_failed: ['rate<0.01'],
  },
});
