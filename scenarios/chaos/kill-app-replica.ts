import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Kill one of three service replicas behind HAProxy: the load balancer's health checks route around it within the check interval; with retries on, in-flight requests are retried on a live instance.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 *
 * Expected exit code: 0. HAProxy's health checks (every 500 ms) take the
 * killed replica out before the errors reach 1 % of the cell (measured: 0.03 %
 * without resilience, none with retries on), and p99 stays under 300 ms.
 */
export default defineScenario({
  name: 'chaos-kill-app-replica',
  description:
    "Kill one of three service replicas behind HAProxy: the load balancer's health checks route around it within the check interval; with retries on, in-flight requests are retried on a live instance.",
  targets: [
    { arch: 'replicated', params: { apps: 3, checkIntervalMs: 500 } },
    {
      arch: 'replicated',
      name: 'replicated-resilient',
      params: { apps: 3, checkIntervalMs: 500, resilience: 'on' },
    },
  ],
  ...steadyLoad,
  schedules: {
    none: {},
    'kill-app-1': { faults: [{ kind: 'kill', at: '10s', target: 'app', instance: 1, restartAfter: '15s' }] },
  },
});
