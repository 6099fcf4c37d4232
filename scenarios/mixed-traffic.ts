import { defineScenario } from 'harness';

/**
 * Readers and writers at once, as k6 scenarios: readers arrive at a fixed
 * rate (open model — latency from each read's intended start) while five
 * writers loop as closed-model VUs (50 ms think time), joining 10 s in. Each
 * scenario has its own mix (`weights`), VUs and start, on one HTTP client;
 * latency is split by request name (get-item: readers, put-item: writers),
 * iterations, dropped iterations and VUs by scenario, and the thresholds
 * check each scenario on its own (`dropped_iterations{scenario:readers}`,
 * `iterations{scenario:writers}`). Every acknowledged write is read back.
 */
export default defineScenario({
  name: 'mixed-traffic',
  description:
    'Open-model readers at 300/s with closed-model writers (5 VUs from 10 s): monolith vs. cache-aside.',
  targets: ['monolith', 'cached'],
  dataset: { items: 20_000, valueSize: 200 },
  workload: {
    mix: [
      { name: 'get-item', method: 'GET', path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        method: 'PUT',
        path: '/items/{key}',
        key: { dist: 'zipfian' },
        body: { value: 'value-{rand}' },
        ledger: true,
      },
    ],
    // Think time applies to closed-model VUs only: each writer pauses 50 ms between writes.
    thinkTime: '50ms',
  },
  profiles: {
    mixed: {
      scenarios: {
        readers: {
          executor: 'constant-arrival-rate',
          rate: 300,
          duration: '30s',
          preAllocatedVUs: 30,
          maxVUs: 200,
          weights: { 'put-item': 0 },
        },
        writers: {
          executor: 'constant-vus',
          vus: 5,
          duration: '20s',
          startTime: '10s',
          weights: { 'get-item': 0 },
        },
      },
    },
  },
  warmup: '5s',
  trials: 3,
  thresholds: {
    'http_req_duration{name:get-item}': ['p(95)<250'],
    http_req_failed: ['rate<0.01'],
    'dropped_iterations{scenario:readers}': ['count<1'],
    'iterations{scenario:writers}': ['count>0'],
  },
});
