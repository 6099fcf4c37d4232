import { defineScenario } from 'harness';

/**
 * The five load profiles against the monolith, each with the analysis it
 * exists for (results.json → cells[].analysis, and the report):
 * baseline → reference latency; load → SLO verdict over the hold;
 * stress → breaking point and how it broke; spike → peak impact and time to
 * recover; endurance → latency/error drift and memory growth of the target.
 * Long by design: run it shortened with `--duration-scale 0.2`.
 */
export default defineScenario({
  name: 'profiles',
  description: 'baseline, load, stress, spike and endurance on the monolith',
  targets: ['monolith'],
  dataset: { items: 10_000 },
  // Each profile starts warm: 10 s at its first stage's rate, not measured.
  warmup: '10s',
  workload: {
    mix: [
      { name: 'get-item', weight: 9, path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        weight: 1,
        method: 'PUT',
        path: '/items/{key}',
        body: { value: 'v-{rand}' },
        ledger: true,
      },
    ],
  },
  profiles: {
    baseline: { preset: 'baseline', rate: 20, duration: '30s' },
    load: { preset: 'load', rate: 300, rampUp: '20s', hold: '1m', rampDown: '10s' },
    stress: { preset: 'stress', startRate: 200, step: 200, stepDuration: '15s', maxRate: 2000, maxVUs: 400 },
    spike: { preset: 'spike', rate: 150, factor: 6, before: '30s', spike: '10s', after: '40s' },
    endurance: { preset: 'endurance', rate: 200, duration: '5m' },
  },
  thresholds: {
    http_req_duration: ['p(95)<100'],
    http_req_failed: ['rate<0.01'],
  },
});
