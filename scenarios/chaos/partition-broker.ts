import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Partition the API from the NATS broker for 8 s: queued writes cannot be accepted (503) and resume afterwards; nothing acknowledged is lost.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
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
