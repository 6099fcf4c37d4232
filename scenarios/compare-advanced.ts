import { defineScenario } from 'harness';

/**
 * The advanced patterns beside the monolith, under the same mix — what each
 * one costs and what it buys, in the figures it exists to make visible
 * (report.html → "inside the targets"; results.json → cells[].targetMetrics
 * and cells[].integrity):
 * - cqrs, with one projector and with two: writes are acknowledged at the
 *   write model's commit, reads come from a read model the projectors keep:
 *   projection lag p50/p99 (event → read model), reads behind the 1 s lag
 *   bound and stale reads beyond it; after the load the read model must
 *   equal the write model.
 * - event-sourced, with a snapshot every 50 events and without snapshots:
 *   the same append-only log; reads rebuild each item by replay. Hot keys
 *   (zipfian) grow long streams, so without snapshots their reads replay
 *   thousands of events — replay time and events replayed p50/p99, from a
 *   snapshot vs. from the first event. The audit: every event in the log,
 *   in order, exactly once; every snapshot equal to its replay.
 * - saga: an order spans the orders, inventory and payment services (each
 *   its own Postgres) over NATS; 5 % of payments are declined and those
 *   sagas are compensated (409, an accepted answer here). Saga duration,
 *   outcomes, compensations; 0 half-done sagas in the integrity check.
 * Profiles: `steady-mix`, 300 requests/s (open model: latency at equal
 * load), and `write-heavy`, 16 closed-model VUs (what each sustains).
 * Expected: exit code 0 (every threshold passes) and 0 lost acknowledged
 * writes everywhere. 12 cells, about 4 min at `--duration-scale 0.25`:
 *   npx harness run scenarios/compare-advanced.ts --duration-scale 0.25
 */
export default defineScenario({
  name: 'compare-advanced',
  description:
    'monolith vs. cqrs (1 and 2 projectors), event-sourced (with and without snapshots) and saga under one mix',
  targets: [
    'monolith',
    'cqrs',
    { arch: 'cqrs', name: 'cqrs-2-projectors', params: { projectors: 2 } },
    { arch: 'event-sourced', name: 'event-sourced', params: { snapshotEvery: 50 } },
    { arch: 'event-sourced', name: 'es-no-snapshots', params: { snapshotEvery: 0 } },
    { arch: 'saga', params: { declinePct: 5 } },
  ],
  dataset: { items: 10_000, valueSize: 100 },
  workload: {
    mix: [
      { name: 'get-item', weight: 1, path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        weight: 1,
        method: 'PUT',
        path: '/items/{key}',
        key: { dist: 'zipfian' },
        body: { value: 'value-{rand}' },
        ledger: true,
      },
      {
        name: 'create-order',
        weight: 1,
        method: 'POST',
        path: '/orders',
        key: { dist: 'uniform' },
        body: { itemId: '{key}', qty: 1 },
        // 409: the saga's declined payment, compensated — an answer, not a failure.
        expectStatus: [201, 409],
        ledger: true,
      },
    ],
  },
  profiles: {
    'steady-mix': {
      executor: 'constant-arrival-rate',
      rate: 300,
      duration: '40s',
      preAllocatedVUs: 50,
      maxVUs: 300,
      weights: { 'get-item': 60, 'put-item': 25, 'create-order': 15 },
    },
    'write-heavy': {
      executor: 'constant-vus',
      vus: 16,
      duration: '40s',
      weights: { 'get-item': 30, 'put-item': 60, 'create-order': 10 },
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
  },
});
