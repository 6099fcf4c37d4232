import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * 50 ms of latency on the service→database edge for 15 s: the monolith's p50 rises by 50 ms, the cache hides it for hot keys.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 *
 * Expected exit code: 0. 50 ms more on some requests stays inside the steady
 * state every cell is held to (p99 < 300 ms, errors < 1 %): the monolith's p99
 * doubles and the report says so ("within thresholds"), but nothing breaks.
 */
export default defineScenario({
  name: 'chaos-db-latency',
  description:
    "50 ms of latency on the service→database edge for 15 s: the monolith's p50 rises by 50 ms, the cache hides it for hot keys.",
  targets: ['monolith', 'cached'],
  ...steadyLoad,
  schedules: {
    none: {},
    'db-latency-50ms': {
      faults: [
        {
          kind: 'latency',
          at: '10s',
          duration: '15s',
          edge: 'app->postgres',
          latency: '50ms',
          jitter: '5ms',
        },
      ],
    },
  },
});
