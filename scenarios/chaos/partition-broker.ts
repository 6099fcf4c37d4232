import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Partition the API from the NATS broker for 8 s: queued writes cannot be accepted (503) and resume afterwards; nothing acknowledged is lost.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 *
 * Expected exit code: 3, by design. No write can be accepted while the broker
 * is unreachable (errors 1–5 % of the cell). Without resilience the writes
 * wait for the 5 s connect timeout (p99 ~5 s); with it they fail fast with
 * 503 and p99 holds — the error threshold fails either way.
 */
export default defineScenario({
  name: 'chaos-partition-broker',
  description:
    'Partition the API from the NATS broker for 8 s: queued writes cannot be accepted (503) and resume afterwards; nothing acknowledged is lost.',
  targets: ['queued', { arch: 'queued', name: 'queued-resilient', params: { resilience: 'on' } }],
  ...steadyLoad,
  schedules: {
    none: {},
    'partition-app-nats': { faults: [{ kind: 'partition', at: '10s', duration: '8s', edge: 'app->nats' }] },
  },
});
