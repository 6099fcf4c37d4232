import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Kill the event-sourced architecture's Postgres (the event log) 10 s into a
 * steady load and start it again 5 s later. Appends and reads fail while it
 * is down (503) and resume after; the audit then shows what the pattern
 * promises: every acknowledged event in the log, every stream's versions
 * 1..n exactly once, in append order, and every snapshot equal to the replay
 * of the log (integrity.checks: event log, snapshots).
 * Expected exit code: 3 — requests fail while the log is down, so the
 * steady-state threshold http_req_failed rate<0.01 fails.
 *   npx harness run scenarios/chaos/kill-event-store.ts --duration-scale 0.5
 */
export default defineScenario({
  name: 'chaos-kill-event-store',
  description:
    'Kill the event log’s Postgres for 5 s: writes fail, then resume; no acknowledged event lost, the log stays in order.',
  targets: [{ arch: 'event-sourced', params: { snapshotEvery: 10 } }],
  ...steadyLoad,
  // Writes on hot keys too (zipfian), so streams grow past several snapshots.
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
    'kill-postgres': { faults: [{ kind: 'kill', at: '10s', target: 'postgres', restartAfter: '5s' }] },
  },
});
