import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Redis fails in front of Postgres, two ways. Killed: reads fall back to the
 * database at once either way (a dead Redis refuses fast). Paused (hanging):
 * without resilience every read waits for the cache timeout; with it, the
 * timeout and the circuit breaker send reads to the database within a second.
 * Each target runs once per schedule: without faults (the reference), killed, paused.
 */
export default defineScenario({
  name: 'chaos-kill-cache',
  description:
    'Redis killed, then paused, in front of Postgres: with and without timeouts and a circuit breaker',
  targets: [
    { arch: 'cached', params: { resilience: 'off' } },
    { arch: 'cached', name: 'cached-resilient', params: { resilience: 'on' } },
  ],
  ...steadyLoad,
  schedules: {
    none: {},
    'kill-redis': { faults: [{ kind: 'kill', at: '10s', target: 'redis', restartAfter: '15s' }] },
    'pause-redis': { faults: [{ kind: 'pause', at: '10s', duration: '10s', target: 'redis' }] },
  },
});
