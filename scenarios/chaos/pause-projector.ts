import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Freeze the cqrs projector (SIGSTOP) for 8 s, 10 s into a steady load.
 * Nothing fails: every write is still acknowledged at the write model, every
 * query still answers 200 — from a read model that stopped moving. That is
 * the pattern's failure mode, and HTTP thresholds cannot see it; the figures
 * can: projection lag p99 jumps past the 1 s lag bound and queries that miss
 * an acknowledged write older than the bound are counted as stale reads
 * (report.html → inside the targets; results.json → targetMetrics
 * cqrs_reads_total{freshness="stale"}). After SIGCONT the projector catches
 * up: 0 lost writes and the read model equal to the write model
 * (integrity.checks).
 * Expected exit code: 0.
 *   npx harness run scenarios/chaos/pause-projector.ts --duration-scale 0.5
 */
export default defineScenario({
  name: 'chaos-pause-projector',
  description:
    'Pause the cqrs projector for 8 s: requests keep succeeding, reads go stale beyond the lag bound, the read model catches up after.',
  targets: ['cqrs'],
  ...steadyLoad,
  // Reads and writes on the same hot keys (zipfian): reads meet the writes the projector has not applied.
  workload: {
    mix: [
      { name: 'get-item', weight: 8, path: '/items/{key}', key: { dist: 'zipfian' } },
      {
        name: 'put-item',
        weight: 2,
        method: 'PUT',
        path: '/items/{key}',
        key: { dist: 'zipfian' },
        body: { value: 'v-{rand}' },
        ledger: true,
      },
    ],
  },
  schedules: {
    none: {},
    'pause-projector': { faults: [{ kind: 'pause', at: '10s', duration: '8s', target: 'projector' }] },
  },
});
