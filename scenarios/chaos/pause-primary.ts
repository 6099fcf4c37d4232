import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Pause the Postgres primary (SIGSTOP) for 5 s: writes stop and resume after it; replicated keeps serving reads from its replicas, the monolith stalls entirely.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 *
 * Expected exit code: 3, by design. A stopped primary stalls the monolith
 * (p99 ~5 s, iterations dropped); with resilience on it fails fast instead
 * (503s: ~15 % errors over the cell); replicated keeps serving reads from its
 * replicas but its writes fail (~8 %). No target holds p99 < 300 ms and
 * errors < 1 % through 5 s without a primary.
 */
export default defineScenario({
  name: 'chaos-pause-primary',
  description:
    'Pause the Postgres primary (SIGSTOP) for 5 s: writes stop and resume after it; replicated keeps serving reads from its replicas, the monolith stalls entirely.',
  targets: [
    'monolith',
    { arch: 'monolith', name: 'monolith-resilient', params: { resilience: 'on' } },
    'replicated',
  ],
  ...steadyLoad,
  schedules: {
    none: {},
    'pause-postgres': { faults: [{ kind: 'pause', at: '10s', duration: '5s', target: 'postgres' }] },
  },
});
