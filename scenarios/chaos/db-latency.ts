import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * 50 ms of latency on the service→database edge for 15 s: the monolith's p50 rises by 50 ms, the cache hides it for hot keys.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
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
