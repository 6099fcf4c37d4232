import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Redis fails in front of Postgres, two ways. Killed: reads fall back to the
 * database at once either way (a dead Redis refuses fast). Paused (hanging):
 * without resilience every read waits for the cache timeout; with it, the
 * timeout and the circuit breaker send reads to the database within a second.
 * Each target runs once per schedule: without faults (the reference), killed, paused.
 *
 * Expected exit code: 3, by design. Every cell is held to the same steady
 * state (p99 < 300 ms, errors < 1 %), and a hanging Redis without a timeout
 * breaks it on purpose: every read waits for it (p99 ~10 s, iterations
 * dropped). With timeouts and the breaker on, the reads in flight until the
 * breaker opens still put the cell's p99 above 300 ms (~1.4 s), though
 * nothing fails and it recovers at once. A killed Redis passes either way.
 * Gate on the resilient target alone: `--targets cached-resilient --schedules none,kill-redis` exits 0.
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
