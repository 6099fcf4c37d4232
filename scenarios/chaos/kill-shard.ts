import { defineScenario } from 'harness';
import { steadyLoad } from '../shared/steady-load.ts';

/**
 * Kill one of three Postgres shards: requests for its keys fail (about a third), the others are untouched; after the restart the shard serves its data again and no acknowledged write is lost.
 * Each target runs twice: once without faults (the reference) and once with the fault schedule.
 *
 * Expected exit code: 3, by design. A dead shard's keys cannot be served by
 * anything until it is back (about 8 % of the cell's requests fail, with or
 * without resilience); what the run shows is that the other two thirds are
 * untouched and that no acknowledged write is lost.
 */
export default defineScenario({
  name: 'chaos-kill-shard',
  description:
    'Kill one of three Postgres shards: requests for its keys fail (about a third), the others are untouched; after the restart the shard serves its data again and no acknowledged write is lost.',
  targets: ['sharded', { arch: 'sharded', name: 'sharded-resilient', params: { resilience: 'on' } }],
  ...steadyLoad,
  schedules: {
    none: {},
    'kill-shard-1': {
      faults: [{ kind: 'kill', at: '10s', target: 'shard', instance: 1, restartAfter: '10s' }],
    },
  },
});
